package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code GRANT privilege ON LOCATION|ACCOUNT object TO grantee}. */
public record GrantPrivilege(Privilege privilege, GrantObjectType objectType, Identifier objectName, Identifier grantee)
        implements Statement {
    public GrantPrivilege {
        requireNonNull(privilege, "privilege is null");
        requireNonNull(objectType, "objectType is null");
        requireNonNull(objectName, "objectName is null");
        requireNonNull(grantee, "grantee is null");
    }
}
