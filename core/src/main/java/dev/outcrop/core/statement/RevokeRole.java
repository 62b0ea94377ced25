package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code REVOKE ROLE role FROM USER user}. */
public record RevokeRole(Identifier role, Identifier member) implements Statement {
    public RevokeRole {
        requireNonNull(role, "role is null");
        requireNonNull(member, "member is null");
    }
}
