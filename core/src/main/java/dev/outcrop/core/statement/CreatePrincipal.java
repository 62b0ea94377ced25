package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/**
 * {@code CREATE ROLE [IF NOT EXISTS] name} or
 * {@code CREATE USER [IF NOT EXISTS] name [WITH SERVICE_ACCOUNT = service_account]}.
 *
 * @param serviceAccount the service account whose requests run as this user, or null
 */
public record CreatePrincipal(PrincipalKind kind, Identifier name, boolean ifNotExists, Identifier serviceAccount) implements Statement {
    public CreatePrincipal {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        if (serviceAccount != null && kind != PrincipalKind.USER) {
            throw new IllegalArgumentException("only a user can be linked to a service account, not a " + kind);
        }
    }

    public CreatePrincipal(PrincipalKind kind, Identifier name, boolean ifNotExists) {
        this(kind, name, ifNotExists, null);
    }
}
