package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.security.TrustSettings;

/**
 * The account the server serves, created at start-up when it does not exist yet, the token budget
 * new accounts start with, and the deployment's rules for trust principals and role locations.
 */
public record AccountSetup(AccountSpec spec, long defaultTokenBudget, TrustSettings trust) {

    /** With {@link TrustSettings#defaults()}. */
    public AccountSetup(AccountSpec spec, long defaultTokenBudget) {
        this(spec, defaultTokenBudget, TrustSettings.defaults());
    }

    public AccountSetup {
        requireNonNull(spec, "spec is null");
        requireNonNull(trust, "trust is null");
        if (defaultTokenBudget < 0) {
            throw new IllegalArgumentException("defaultTokenBudget must not be negative, but was " + defaultTokenBudget);
        }
    }
}
