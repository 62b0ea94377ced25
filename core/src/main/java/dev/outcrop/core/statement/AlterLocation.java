package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code ALTER LOCATION [IF EXISTS] name <action>}. */
public record AlterLocation(Identifier name, boolean ifExists, AlterLocationAction action) implements Statement {
    public AlterLocation {
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
    }
}
