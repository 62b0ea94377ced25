package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code DROP ACCOUNT [IF EXISTS] name}, by an organisation administrator: the account and everything in it. */
public record DropAccount(Identifier name, boolean ifExists) implements Statement {
    public DropAccount {
        requireNonNull(name, "name is null");
    }
}
