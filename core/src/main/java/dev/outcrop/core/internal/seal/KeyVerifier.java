package dev.outcrop.core.internal.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A sealing key's verifier: text the catalog may hold, from which nobody learns the key, that tells a
 * server whether the key it was given under an id is the one registered under that id.
 *
 * <p>It is an HMAC-SHA256 of a fixed label, under a key derived from the sealing key by another HMAC.
 * The sealing key itself never keys anything but AES-GCM, so the verifier gives no oracle on the
 * cipher; and the verifier names its scheme so that a later one can be told apart.
 */
final class KeyVerifier {

    private static final String SCHEME = "hmac-sha256-v1:";
    private static final byte[] DERIVATION_LABEL = "outcrop sealing key verifier: derive".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHECK_LABEL = "outcrop sealing key verifier: check".getBytes(StandardCharsets.UTF_8);

    private KeyVerifier() {
    }

    static String of(String keyId, byte[] key) {
        byte[] derived = hmac(key, DERIVATION_LABEL);
        try {
            // The key id is part of the message, so two ids that hold the same key still differ.
            byte[] check = hmac(derived, concat(CHECK_LABEL, keyId.getBytes(StandardCharsets.UTF_8)));
            return SCHEME + Base64.getEncoder().withoutPadding().encodeToString(check);
        }
        finally {
            java.util.Arrays.fill(derived, (byte) 0);
        }
    }

    /** Constant-time, so that a server answering many starts leaks nothing of the stored verifier. */
    static boolean matches(String keyId, byte[] key, String stored) {
        return MessageDigest.isEqual(of(keyId, key).getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + 1 + b.length);
        System.arraycopy(b, 0, out, a.length + 1, b.length);
        return out;
    }
}
