package dev.outcrop.core.internal.credentials;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generates an account's external ID: 128 random bits, so that no tenant can guess another's. AWS allows
 * 2 to 1,224 characters of {@code [\w+=,.@:/-]}; this is {@code outcrop-} and 32 hex digits.
 */
public final class ExternalIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ExternalIds() {
    }

    public static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "outcrop-" + HexFormat.of().formatHex(bytes);
    }
}
