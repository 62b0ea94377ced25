package dev.outcrop.vertx.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a verified access token says: which service account, under which of its keys, acting in which
 * account, until when. The user is not in the token: it is read from the catalog when the key is
 * checked, so a changed link takes effect at once.
 */
public record TokenClaims(String serviceAccountId, String keyId, String accountName, Instant expires) {
    public TokenClaims {
        requireNonNull(serviceAccountId, "serviceAccountId is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(accountName, "accountName is null");
        requireNonNull(expires, "expires is null");
    }
}
