package dev.outcrop.core.security;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.List;

/**
 * The one-trust-principal-per-account rule, in one place for both ways an account is made: {@code Outcrop.createAccount}
 * (accounts from configuration) and the {@code CREATE ACCOUNT} statement. It lives here, beside {@link TrustSettings},
 * because the API package may not call the statements' internals, and both may call this package.
 */
public final class TrustPrincipals {

    private TrustPrincipals() {
    }

    /**
     * Refuses ({@code TRUST_PRINCIPAL_SHARED}) to give {@code accountName} the trust principal {@code trustPolicyRole}
     * when another account of {@code catalog} has it, unless {@code trust} allows sharing. Accounts that share a trust
     * principal can assume each other's customer roles wherever those demand no external ID, so sharing must be an
     * explicit choice of the deployment. Reads every account from the catalog, so call it where blocking is allowed.
     */
    public static void refuseShared(TrustSettings trust, CatalogStore catalog, String accountName, String trustPolicyRole) {
        if (trust.allowSharedTrustPrincipals()) {
            return;
        }
        List<String> sharing = catalog.listAccounts().stream()
                .filter(account -> !account.accountName().equals(accountName) && account.trustPolicyRole().equals(trustPolicyRole))
                .map(account -> "'" + account.accountName() + "'")
                .toList();
        if (!sharing.isEmpty()) {
            throw new OutcropException(OutcropErrorCode.TRUST_PRINCIPAL_SHARED, "account '" + accountName + "' would have the same trust principal "
                    + trustPolicyRole + " as account " + String.join(", ", sharing) + ", so each could assume the other's customer roles that"
                    + " demand no external ID. Give every account its own trust principal, for example with a template such as"
                    + " arn:aws:iam::<deployment account>:role/outcrop-{account}, or allow sharing explicitly (TrustSettings"
                    + ".allowSharedTrustPrincipals, outcrop.account.allow-shared-trust-principals=true)");
        }
    }
}
