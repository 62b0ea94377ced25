package dev.outcrop.bedrock.client.internal;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.StsAsyncClientBuilder;

/**
 * Builds the SDK clients. Credentials are always supplied per request (each location has its own),
 * so the clients are built with anonymous credentials that no request uses.
 */
public final class ClientFactory {

    private ClientFactory() {
    }

    /**
     * One Netty client (one connection pool) per SDK client. The HTTP client is pre-built on purpose: the SDK
     * merges Bedrock Runtime's "HTTP/2" service default only into clients it builds itself, so this keeps the
     * configured protocol (bedrock-wire.md §5.6).
     */
    public static SdkAsyncHttpClient httpClient(BedrockClientConfig config, EventLoopGroup eventLoops) {
        if (config.transport() != BedrockClientConfig.Transport.NETTY) {
            return crtClient(config);       // CRT, and DIRECT, which sends its exchanges on the same client
        }
        // The SDK's Netty client puts a LoggingHandler on every connection: say so once if it would log the wire.
        WireLoggingWarning.checkOnce();
        NettyNioAsyncHttpClient.Builder builder = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(SdkEventLoopGroup.create(eventLoops))
                .maxConcurrency(config.maxConcurrency())
                .maxPendingConnectionAcquires(config.maxPendingConnectionAcquires())
                .connectionAcquisitionTimeout(config.connectionAcquisitionTimeout())
                .connectionTimeout(config.connectionTimeout())
                .readTimeout(config.readTimeout());
        if (config.protocol() == BedrockClientConfig.Protocol.HTTP2) {
            // Over http:// this is h2c with prior knowledge; over https:// Netty negotiates h2 by ALPN.
            builder.protocol(Protocol.HTTP2).http2Configuration(Http2Configuration.builder().maxStreams((long) config.maxConcurrency()).build());
        }
        else {
            builder.protocol(Protocol.HTTP1_1);
        }
        return builder.build();
    }

    /**
     * The AWS Common Runtime client. It has no read timeout; its health check closes a connection whose throughput stays
     * below 1 byte/s for the read timeout, which is the same inactivity rule (a model thinking before its first token
     * sends nothing, and is given that long).
     */
    private static SdkAsyncHttpClient crtClient(BedrockClientConfig config) {
        return AwsCrtAsyncHttpClient.builder()
                .maxConcurrency(config.maxConcurrency())
                .connectionAcquisitionTimeout(config.connectionAcquisitionTimeout())
                .connectionTimeout(config.connectionTimeout())
                .connectionHealthConfiguration(health -> health.minimumThroughputInBps(1L).minimumThroughputTimeout(crtReadTimeout(config)))
                .build();
    }

    /** CRT measures throughput per whole second and needs at least two of them: the read timeout, rounded up to that. */
    static java.time.Duration crtReadTimeout(BedrockClientConfig config) {
        long seconds = (config.readTimeout().toMillis() + 999) / 1000;
        return java.time.Duration.ofSeconds(Math.max(2, seconds));
    }

    /**
     * The synchronous HTTP client under the blocking calls: Apache HttpClient 5, pooled like the asynchronous transport
     * ({@code max-concurrency} connections, the same acquisition, connect and read timeouts).
     */
    public static SdkHttpClient blockingHttpClient(BedrockClientConfig config) {
        return Apache5HttpClient.builder()
                .maxConnections(config.maxConcurrency())
                .connectionAcquisitionTimeout(config.connectionAcquisitionTimeout())
                .connectionTimeout(config.connectionTimeout())
                .socketTimeout(config.readTimeout())
                .build();
    }

    public static BedrockRuntimeAsyncClient bedrock(BedrockClientConfig config, SdkAsyncHttpClient http, ScheduledExecutorService timers, ClientKey key) {
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                // The endpoint rules give the same answer for every call of this client: evaluated once, not per call.
                .endpointProvider(CachedEndpointProvider.ofDefaultRules())
                .overrideConfiguration(overrides(config, timers));
        if (config.completeOnIoThread()) {
            // The SDK would hand every completion to its own thread pool first: one thread switch more per call.
            builder.asyncConfiguration(async -> async.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run));
        }
        if (key.endpoint() != null) {
            builder.endpointOverride(key.endpoint());
        }
        return builder.build();
    }

    /** The synchronous twin of {@link #bedrock}: the same endpoint, retries and timeouts. */
    public static BedrockRuntimeClient bedrockBlocking(BedrockClientConfig config, SdkHttpClient http, ScheduledExecutorService timers, ClientKey key) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .endpointProvider(CachedEndpointProvider.ofDefaultRules())
                .overrideConfiguration(overrides(config, timers));
        if (key.endpoint() != null) {
            builder.endpointOverride(key.endpoint());
        }
        return builder.build();
    }

    public static StsAsyncClient sts(BedrockClientConfig config, SdkAsyncHttpClient http, ScheduledExecutorService timers, ClientKey key) {
        StsAsyncClientBuilder builder = StsAsyncClient.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(http)
                .overrideConfiguration(overrides(config, timers));
        if (key.endpoint() != null) {
            builder.endpointOverride(key.endpoint());
        }
        return builder.build();
    }

    private static ClientOverrideConfiguration overrides(BedrockClientConfig config, ScheduledExecutorService timers) {
        return ClientOverrideConfiguration.builder()
                .scheduledExecutorService(timers)
                .apiCallTimeout(config.apiCallTimeout())
                .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
                .retryStrategy(RetryStrategies.of(config))
                .build();
    }
}
