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

    @Override
    public String toString() {
        return value;
    }
}
