package dev.outcrop.bedrock.client.internal;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.StsAsyncClientBuilder;

/**
 * Builds the SDK clients. Credentials are always supplied per request (each location has its own),
 * so the clients are built with anonymous credentials that no request uses.
 */
public final class ClientFactory {

    private ClientFactory() {
    }

    public static SdkAsyncHttpClient httpClient(BedrockClientConfig config) {
        return NettyNioAsyncHttpClient.builder()
                .maxConcurrency(config.maxConcurrency())
                .connectionAcquisitionTimeout(config.connectionAcquisitionTimeout())
                .protocol(config.protocol() == BedrockClientConfig.Protocol.HTTP2 ? Protocol.HTTP2 : Protocol.HTTP1_1)
                .build();
    }

    public static BedrockRuntimeAsyncClient bedrock(BedrockClientConfig config, SdkAsyncHttpClient http, String region) {
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .overrideConfiguration(overrides(config));
        if (config.bedrockEndpoint() != null) {
            builder.endpointOverride(config.bedrockEndpoint());
        }
        return builder.build();
    }

    public static StsAsyncClient sts(BedrockClientConfig config, SdkAsyncHttpClient http, String region) {
        StsAsyncClientBuilder builder = StsAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .overrideConfiguration(overrides(config));
        if (config.stsEndpoint() != null) {
            builder.endpointOverride(config.stsEndpoint());
        }
        return builder.build();
    }

    private static ClientOverrideConfiguration overrides(BedrockClientConfig config) {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(config.apiCallTimeout())
                .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
                .retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(config.maxAttempts()))
                .build();
    }
}
