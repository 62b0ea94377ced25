package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code DROP LOCATION [IF EXISTS] name [WITH FORCE]}. */
public record DropLocation(Identifier name, boolean ifExists, boolean force) implements Statement {
    public DropLocation {
        requireNonNull(name, "name is null");
    }
}
