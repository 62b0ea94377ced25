package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code DROP ROLE [IF EXISTS] name} or {@code DROP USER [IF EXISTS] name}. */
public record DropPrincipal(PrincipalKind kind, Identifier name, boolean ifExists) implements Statement {
    public DropPrincipal {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
    }
}
