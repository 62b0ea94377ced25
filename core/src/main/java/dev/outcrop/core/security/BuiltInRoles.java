package dev.outcrop.core.security;

/** Roles every account has. */
public final class BuiltInRoles {

    /** Members of this role may do everything in their account. */
    public static final String ACCOUNT_ADMIN = "account_admin";

    private BuiltInRoles() {
    }
}
