package dev.outcrop.core.port;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Credentials ready to sign a request: long-term keys, or temporary ones with a session token and an
 * expiration.
 *
 * @param sessionToken or null for long-term keys
 * @param expiration when temporary credentials stop working, or null for long-term keys
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    public AwsCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
    }

    public static AwsCredentials of(String accessKeyId, String secretAccessKey) {
        return new AwsCredentials(accessKeyId, secretAccessKey, null, null);
    }

    /** Only the key id's first four characters: enough to tell long-term (AKIA) from temporary (ASIA). */
    @Override
    public String toString() {
        String prefix = accessKeyId.length() > 4 ? accessKeyId.substring(0, 4) : "";
        return "AwsCredentials[accessKeyId=" + prefix + "****, secretAccessKey=****"
                + (sessionToken == null ? "" : ", sessionToken=****")
                + (expiration == null ? "" : ", expiration=" + expiration) + "]";
    }
}
