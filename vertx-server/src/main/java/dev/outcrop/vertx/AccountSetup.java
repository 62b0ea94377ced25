package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.AccountSpec;

/**
 * The account the server serves, created at start-up when it does not exist yet, and the token budget
 * new accounts start with.
 */
public record AccountSetup(AccountSpec spec, long defaultTokenBudget) {
    public AccountSetup {
        requireNonNull(spec, "spec is null");
        if (defaultTokenBudget < 0) {
            throw new IllegalArgumentException("defaultTokenBudget must not be negative, but was " + defaultTokenBudget);
        }
    }
}
