package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/**
 * {@code CREATE ACCOUNT [IF NOT EXISTS] name [WITH REGION = 'region']}, by an organisation administrator.
 *
 * @param region the account's region, or null for the organisation's default
 */
public record CreateAccount(Identifier name, boolean ifNotExists, String region) implements Statement {
    public CreateAccount {
        requireNonNull(name, "name is null");
    }
}
