package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code GRANT ROLE role TO USER user} (also {@code TO ROLE}). */
public record GrantRole(Identifier role, Identifier member) implements Statement {
    public GrantRole {
        requireNonNull(role, "role is null");
        requireNonNull(member, "member is null");
    }
}
