package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code DROP SERVICE ACCOUNT [IF EXISTS] name}. */
public record DropServiceAccount(Identifier name, boolean ifExists) implements Statement {
    public DropServiceAccount {
        requireNonNull(name, "name is null");
    }
}
