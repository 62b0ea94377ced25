package dev.outcrop.core.statement;

/** The location privileges, with their SQL spelling and the object they apply to. */
public enum Privilege {
    USAGE("USAGE", GrantObjectType.LOCATION),
    MODIFY("MODIFY", GrantObjectType.LOCATION),
    CREATE_LOCATION("CREATE LOCATION", GrantObjectType.ACCOUNT),
    USAGE_ANY_LOCATION("USAGE ANY LOCATION", GrantObjectType.ACCOUNT),
    MODIFY_ANY_LOCATION("MODIFY ANY LOCATION", GrantObjectType.ACCOUNT);

    private final String sql;
    private final GrantObjectType objectType;

    Privilege(String sql, GrantObjectType objectType) {
        this.sql = sql;
        this.objectType = objectType;
    }

    public String sql() {
        return sql;
    }

    /** The kind of object the privilege is granted on. */
    public GrantObjectType objectType() {
        return objectType;
    }
}
