package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the catalog remembers of a sealing key: its id and a verifier, never the key. Core computes the
 * verifier from the key (an HMAC of a fixed label under a key derived from it), so a server that starts
 * with another key under a known id can be refused before it seals anything with it.
 *
 * @param keyId the sealing key's id, as in {@link SealedSecret#keyId()}
 * @param verifier opaque text computed by core; a store keeps it as it is and compares nothing
 * @param registered when the first server registered the key id
 */
public record SealingKeyRecord(String keyId, String verifier, Instant registered) {

    public SealingKeyRecord {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(verifier, "verifier is null");
        requireNonNull(registered, "registered is null");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("keyId is blank");
        }
        if (verifier.isEmpty()) {
            throw new IllegalArgumentException("verifier is empty");
        }
    }
}
