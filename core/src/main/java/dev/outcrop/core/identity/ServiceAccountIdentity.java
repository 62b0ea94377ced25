package dev.outcrop.core.identity;

import static java.util.Objects.requireNonNull;

/**
 * A service account that proved who it is, and the account and user its requests run as.
 *
 * @param accountName the account the service account belongs to
 * @param userName the account's user linked to the service account: every statement runs as this user
 * @param serviceAccountId the service account's id (its OAuth client id)
 * @param keyId the id of the key the caller proved; a token carries it, and stops working once the key is replaced or deleted
 */
public record ServiceAccountIdentity(String accountName, String userName, String serviceAccountId, String keyId) {
    public ServiceAccountIdentity {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(serviceAccountId, "serviceAccountId is null");
        requireNonNull(keyId, "keyId is null");
    }
}
