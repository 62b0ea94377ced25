package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

/** A role granted to a user (or to another role) within an account. */
public record RoleMembership(String accountName, String roleName, String memberName) {

    public RoleMembership {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(roleName, "roleName is null");
        requireNonNull(memberName, "memberName is null");
    }
}
