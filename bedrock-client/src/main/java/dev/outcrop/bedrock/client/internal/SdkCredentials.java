package dev.outcrop.bedrock.client.internal;

import dev.outcrop.core.port.AwsCredentials;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * Core's credentials as the SDK wants them, supplied per request. The request override that carries
 * them is cached per credentials, so the hot path allocates no provider per call: a location's
 * credentials stay the same across many calls until they are refreshed.
 */
public final class SdkCredentials {

    /** Enough for every live location's credentials; cleared wholesale when full, since entries are cheap to rebuild. */
    private static final int MAX_CACHED = 1024;
    private static final Map<AwsCredentials, AwsRequestOverrideConfiguration> OVERRIDES = new ConcurrentHashMap<>();

    private SdkCredentials() {
    }

    public static AwsCredentialsProvider provider(AwsCredentials credentials) {
        if (credentials.sessionToken() != null) {
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }

    /** A request override that signs with these credentials. */
    public static AwsRequestOverrideConfiguration override(AwsCredentials credentials) {
        AwsRequestOverrideConfiguration cached = OVERRIDES.get(credentials);
        if (cached != null) {
            return cached;
        }
        if (OVERRIDES.size() >= MAX_CACHED) {
            OVERRIDES.clear();
        }
        return OVERRIDES.computeIfAbsent(credentials,
                c -> AwsRequestOverrideConfiguration.builder().credentialsProvider(provider(c)).build());
    }
}
