package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code REVOKE privilege ON LOCATION|ACCOUNT object FROM grantee}. */
public record RevokePrivilege(Privilege privilege, GrantObjectType objectType, Identifier objectName, Identifier grantee)
        implements Statement {
    public RevokePrivilege {
        requireNonNull(privilege, "privilege is null");
        requireNonNull(objectType, "objectType is null");
        requireNonNull(objectName, "objectName is null");
        requireNonNull(grantee, "grantee is null");
    }
}
