package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

/**
 * Credentials as a store holds them: encrypted by core, opaque to the store.
 *
 * @param keyId which of core's sealing keys encrypted it, so keys can rotate
 * @param payload the ciphertext, base64-encoded so that any store can keep it as text
 */
public record SealedSecret(String keyId, String payload) {

    public SealedSecret {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(payload, "payload is null");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("keyId is blank");
        }
        if (payload.isEmpty()) {
            throw new IllegalArgumentException("payload is empty");
        }
    }

    /** Shows the key id and the payload's size only: ciphertext in logs helps nobody. */
    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + ", payload=<" + payload.length() + " chars>]";
    }
}
