package dev.outcrop.bedrock.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real AWS SDK clients pointed at an emulator, the way other modules build them. Retries off so errors surface once. */
final class Clients {
    private Clients() {
    }

    static AwsCredentialsProvider deployment() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY));
    }

    static AwsCredentialsProvider restricted() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                EmulatorConfig.RESTRICTED_ACCESS_KEY_ID, EmulatorConfig.RESTRICTED_SECRET_ACCESS_KEY));
    }

    static AwsCredentialsProvider keys(String accessKeyId, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
    }

    static BedrockRuntimeClient bedrock(URI endpoint, AwsCredentialsProvider credentials) {
        return BedrockRuntimeClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** The async client with the HTTP client the SDK picks for Bedrock (HTTP/2 when the service allows it). */
    static BedrockRuntimeAsyncClient bedrockAsync(URI endpoint, AwsCredentialsProvider credentials) {
        return BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static BedrockRuntimeAsyncClient bedrockAsync(URI endpoint, AwsCredentialsProvider credentials, Protocol protocol) {
        return BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(protocol))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static StsClient sts(URI endpoint, AwsCredentialsProvider credentials) {
        return StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
