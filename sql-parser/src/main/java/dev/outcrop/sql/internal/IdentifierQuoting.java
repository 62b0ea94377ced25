package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.Identifier;

/** Writes a name so that the parser reads back the same {@link Identifier}: bare when it can, quoted otherwise. */
public final class IdentifierQuoting {

    private IdentifierQuoting() {
    }

    public static String quoteIfNeeded(Identifier identifier) {
        return identifier.toSql();
    }

    public static void append(StringBuilder out, Identifier identifier) {
        out.append(identifier.toSql());
    }

    static boolean canBeBare(String value) {
        return Identifier.canBeBare(value);
    }
}
