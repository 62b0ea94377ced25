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
 * @param externalId the external ID generated for the account, which its customers put in their roles' trust
 *                   policies; null for an account stored before external IDs were generated (core then assigns one)
 */
public record AccountRecord(
        String accountName,
        String region,
        String trustPolicyRole,
        long llmTokenBudget,
        Instant created,
        long version,
        String externalId) {

    /** An account without an external ID yet. */
    public AccountRecord(String accountName, String region, String trustPolicyRole, long llmTokenBudget, Instant created, long version) {
        this(accountName, region, trustPolicyRole, llmTokenBudget, created, version, null);
    }

    public AccountRecord {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(region, "region is null");
        requireNonNull(trustPolicyRole, "trustPolicyRole is null");
        requireNonNull(created, "created is null");
        if (accountName.isBlank()) {
            throw new IllegalArgumentException("accountName is blank");
        }
        if (externalId != null && externalId.isEmpty()) {
            throw new IllegalArgumentException("externalId is empty");
        }
        if (llmTokenBudget < 0) {
            throw new IllegalArgumentException("llmTokenBudget must not be negative, but was " + llmTokenBudget);
        }
    }

    public AccountRecord withLlmTokenBudget(long budget) {
        return new AccountRecord(accountName, region, trustPolicyRole, budget, created, version, externalId);
    }

    public AccountRecord withVersion(long newVersion) {
        return new AccountRecord(accountName, region, trustPolicyRole, llmTokenBudget, created, newVersion, externalId);
    }

    public AccountRecord withExternalId(String newExternalId) {
        return new AccountRecord(accountName, region, trustPolicyRole, llmTokenBudget, created, version, newExternalId);
    }
}
