package dev.outcrop.bedrock.emulator.internal.sigv4;

import java.time.Instant;

/**
 * The secret half of an access key as the verifier needs it. {@code sessionToken} and {@code expiration} are null for
 * long-term keys. {@code toString} leaves the secret and the token out so they never reach a log.
 */
public record SigningCredential(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    @Override
    public String toString() {
        return "SigningCredential[accessKeyId=" + accessKeyId + ", temporary=" + (sessionToken != null) + "]";
    }
}
