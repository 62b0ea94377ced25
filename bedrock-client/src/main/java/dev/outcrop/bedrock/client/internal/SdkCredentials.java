package dev.outcrop.bedrock.client.internal;

import dev.outcrop.core.port.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Core's credentials as the SDK wants them, supplied per request. */
public final class SdkCredentials {

    private SdkCredentials() {
    }

    public static AwsCredentialsProvider provider(AwsCredentials credentials) {
        if (credentials.sessionToken() != null) {
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }
}
