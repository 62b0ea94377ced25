package dev.outcrop.core.location;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * An access key pair, with a session token for temporary credentials.
 *
 * @param sessionToken the session token of temporary credentials, or null for long-term keys
 */
public record AccessKeyCredentials(String accessKeyId, String secretAccessKey, String sessionToken)
        implements LocationCredentials {

    public AccessKeyCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (accessKeyId.isEmpty()) {
            throw new IllegalArgumentException("AWS_ACCESS_KEY_ID is empty: give the access key id of the AWS identity to call Bedrock as");
        }
        if (secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("AWS_SECRET_ACCESS_KEY is empty: give the secret access key that belongs to AWS_ACCESS_KEY_ID");
        }
        if (sessionToken != null && sessionToken.isEmpty()) {
            throw new IllegalArgumentException("AWS_SESSION_TOKEN is empty: leave it out for long-term keys");
        }
    }

    public static AccessKeyCredentials of(String accessKeyId, String secretAccessKey) {
        return new AccessKeyCredentials(accessKeyId, secretAccessKey, null);
    }

    @Override
    public List<String> maskedKeys() {
        List<String> keys = new ArrayList<>(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"));
        if (sessionToken != null) {
            keys.add("AWS_SESSION_TOKEN");
        }
        return List.copyOf(keys);
    }

    /** Masks every value, the key id included: a key id identifies an AWS account. */
    @Override
    public String toString() {
        return "AccessKeyCredentials[accessKeyId=****, secretAccessKey=****" + (sessionToken == null ? "" : ", sessionToken=****") + "]";
    }
}
