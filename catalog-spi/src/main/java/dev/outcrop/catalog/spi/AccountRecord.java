package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An account as stored.
 *
 * @param accountName lower-case name, unique in the store
 * @param region the AWS region used by the account's locations that name none
 * @param trustPolicyRole the AWS principal this deployment uses, for this account alone, to assume customers' roles
 * @param llmTokenBudget tokens the account may spend per UTC day; 0 refuses every AI call
 * @param created when the account was created
 * @param version compare-and-set version; 1 for a new record
 */
public record AccountRecord(
        String accountName,
        String region,
        String trustPolicyRole,
        long llmTokenBudget,
        Instant created,
        long version) {

    public AccountRecord {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(region, "region is null");
        requireNonNull(trustPolicyRole, "trustPolicyRole is null");
        requireNonNull(created, "created is null");
        if (accountName.isBlank()) {
            throw new IllegalArgumentException("accountName is blank");
        }
        if (llmTokenBudget < 0) {
            throw new IllegalArgumentException("llmTokenBudget must not be negative, but was " + llmTokenBudget);
        }
    }

    public AccountRecord withLlmTokenBudget(long budget) {
        return new AccountRecord(accountName, region, trustPolicyRole, budget, created, version);
    }

    public AccountRecord withVersion(long newVersion) {
        return new AccountRecord(accountName, region, trustPolicyRole, llmTokenBudget, created, newVersion);
    }
}
