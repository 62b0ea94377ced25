package dev.outcrop.core.security;

import static java.util.Objects.requireNonNull;


/**
 * The deployment as Firebolt's organisation: who may create and drop accounts in SQL, and what a new account gets.
 * Outcrop has no identities above accounts, so the organisation's administrators are the members of
 * {@link BuiltInRoles#ACCOUNT_ADMIN} in one account, the deployment's own ({@code adminAccount}), which cannot be dropped.
 *
 * @param adminAccount the account whose account_admin members administer the organisation
 * @param trustPolicyRoleTemplate the trust principal of a new account, {@code {account}} standing for its
 *                                name (see {@code AccountSpec.fromTemplate})
 * @param defaultRegion the region of a new account that names none
 */
public record Organization(String adminAccount, String trustPolicyRoleTemplate, String defaultRegion) {
    public Organization {
        requireNonNull(adminAccount, "adminAccount is null");
        requireNonNull(trustPolicyRoleTemplate, "trustPolicyRoleTemplate is null");
        requireNonNull(defaultRegion, "defaultRegion is null");
    }
}
