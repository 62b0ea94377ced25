package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/**
 * {@code CREATE SERVICE ACCOUNT [IF NOT EXISTS] name [WITH DESCRIPTION = 'text']}.
 *
 * @param description the description, or null
 */
public record CreateServiceAccount(Identifier name, boolean ifNotExists, String description) implements Statement {
    public CreateServiceAccount {
        requireNonNull(name, "name is null");
    }
}
