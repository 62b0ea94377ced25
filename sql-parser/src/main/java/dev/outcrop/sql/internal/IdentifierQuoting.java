package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.Identifier;

/** Writes a name so that the parser reads back the same {@link Identifier}: bare when it can, quoted otherwise. */
public final class IdentifierQuoting {

    private IdentifierQuoting() {
    }

    public static String quoteIfNeeded(Identifier identifier) {
        String value = identifier.value();
        return canBeBare(value) ? value : quote(value);
    }

    public static void append(StringBuilder out, Identifier identifier) {
        String value = identifier.value();
        if (canBeBare(value)) {
            out.append(value);
        }
        else {
            out.append(quote(value));
        }
    }

    /** Lower-case ASCII letters, digits and underscores, not starting with a digit, and not reserved. */
    static boolean canBeBare(String value) {
        char first = value.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first == '_')) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return !ReservedWords.isReserved(value);
    }

    private static String quote(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
