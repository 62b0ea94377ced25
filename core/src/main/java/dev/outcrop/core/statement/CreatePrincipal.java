package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code CREATE ROLE [IF NOT EXISTS] name} or {@code CREATE USER [IF NOT EXISTS] name}. */
public record CreatePrincipal(PrincipalKind kind, Identifier name, boolean ifNotExists) implements Statement {
    public CreatePrincipal {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
    }
}
