package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.security.TrustSettings;

/**
 * The account the server serves, created at start-up when it does not exist yet, the token budget
 * new accounts start with, the deployment's rules for trust principals and role locations, and the trust principal
 * of accounts created in SQL ({@code CREATE ACCOUNT}): a template in which {@code {account}} stands for the name.
 * The served account is the organisation's: its account_admin members may create and drop accounts.
 */
public record AccountSetup(AccountSpec spec, long defaultTokenBudget, TrustSettings trust, String newAccountTrustPolicyRole) {

    /** With {@link TrustSettings#defaults()}. */
    public AccountSetup(AccountSpec spec, long defaultTokenBudget) {
        this(spec, defaultTokenBudget, TrustSettings.defaults());
    }

    /** New accounts get the served account's trust principal: CREATE ACCOUNT succeeds only if the trust settings allow sharing. */
    public AccountSetup(AccountSpec spec, long defaultTokenBudget, TrustSettings trust) {
        this(spec, defaultTokenBudget, trust, spec.trustPolicyRole());
    }

    public AccountSetup {
        requireNonNull(spec, "spec is null");
        requireNonNull(trust, "trust is null");
        requireNonNull(newAccountTrustPolicyRole, "newAccountTrustPolicyRole is null");
        if (defaultTokenBudget < 0) {
            throw new IllegalArgumentException("defaultTokenBudget must not be negative, but was " + defaultTokenBudget);
        }
    }
}
