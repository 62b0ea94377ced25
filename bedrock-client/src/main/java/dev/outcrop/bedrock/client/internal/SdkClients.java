package dev.outcrop.bedrock.client.internal;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * SDK clients built on first use, one per {@link ClientKey}, all on one Netty client, and closed
 * together with it.
 */
public final class SdkClients<C extends SdkAutoCloseable> implements AutoCloseable {

    private final EventLoopGroup eventLoops;
    private final SdkAsyncHttpClient http;
    private final BiFunction<SdkAsyncHttpClient, ClientKey, C> factory;
    private final Map<ClientKey, C> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SdkClients(BedrockClientConfig config, BiFunction<SdkAsyncHttpClient, ClientKey, C> factory) {
        // Our own event loops: the SDK closes the ones it creates with a 2 s quiet period, blocking close() that long.
        this.eventLoops = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("outcrop-bedrock", true));
        this.http = ClientFactory.httpClient(config, eventLoops);
        this.factory = factory;
    }

    public C get(ClientKey key) {
        C client = clients.get(key);
        if (client != null) {
            return client;
        }
        if (closed) {
            throw new IllegalStateException("the Bedrock client was closed; create a new one");
        }
        return clients.computeIfAbsent(key, k -> factory.apply(http, k));
    }

    /** How many SDK clients exist: one per (region, endpoint) used so far. */
    public int size() {
        return clients.size();
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(SdkAutoCloseable::close);
        clients.clear();
        http.close();
        // Every call has ended or failed by now; nothing is left for a quiet period to wait for.
        eventLoops.shutdownGracefully(100, 5_000, TimeUnit.MILLISECONDS);
    }
}
