package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

/**
 * A name as the SQL means it: unquoted names are already folded to lower case by the parser, quoted
 * names keep their case. The formatter quotes a name when it needs to.
 */
public record Identifier(String value) {

    public Identifier {
        requireNonNull(value, "value is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an identifier cannot be empty");
        }
    }

    public static Identifier of(String value) {
        return new Identifier(value);
    }

    /** The name as SQL must write it to mean this identifier: bare when it can be, double-quoted otherwise. */
    public String toSql() {
        return canBeBare(value) ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Lower-case ASCII letters, digits and underscores, not starting with a digit, and not a reserved word. */
    public static boolean canBeBare(String value) {
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

    @Override
    public String toString() {
        return value;
    }
}
