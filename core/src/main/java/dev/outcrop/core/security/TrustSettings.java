package dev.outcrop.core.security;

/**
 * The deployment's rules for role locations and trust principals.
 *
 * @param allowSharedTrustPrincipals whether two accounts may have the same trust principal. Off by default: accounts
 *                                   that share one can assume each other's customer roles wherever those demand no
 *                                   external ID (the confused deputy), so sharing must be an explicit choice
 * @param requireRoleExternalId      whether role locations must name an {@code AWS_ROLE_EXTERNAL_ID}; on, a role
 *                                   location without one is refused at CREATE and at ALTER … SET CREDENTIALS
 */
public record TrustSettings(boolean allowSharedTrustPrincipals, boolean requireRoleExternalId) {

    /** Accounts never share a trust principal; external IDs are optional. */
    public static TrustSettings defaults() {
        return new TrustSettings(false, false);
    }
}
