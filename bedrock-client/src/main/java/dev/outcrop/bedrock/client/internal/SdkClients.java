package dev.outcrop.bedrock.client.internal;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * SDK clients built on first use, one per {@link ClientKey} (region, endpoint), all on one Netty client,
 * and closed together with it. One instance serves one endpoint (AWS's per region, or the override), so
 * the hot path looks clients up by region alone and allocates no key.
 */
public final class SdkClients<C extends SdkAutoCloseable> implements AutoCloseable {

    /** Netty's event loops, or null for a transport that brings its own. */
    private final EventLoopGroup eventLoops;
    private final SdkAsyncHttpClient http;
    private final WheelScheduler timers;
    private final Factory<C> factory;
    private final URI endpoint;
    private final Map<String, C> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param endpoint the endpoint override, or null for AWS's endpoint of each region */
    public SdkClients(BedrockClientConfig config, URI endpoint, Factory<C> factory) {
        this.endpoint = endpoint;
        // Our own event loops: the SDK closes the ones it creates with a 2 s quiet period, blocking close() that long.
        this.eventLoops = config.transport() == BedrockClientConfig.Transport.NETTY
                ? new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), new DefaultThreadFactory("outcrop-bedrock", true))
                : null;
        this.http = ClientFactory.httpClient(config, eventLoops);
        // The SDK's timeouts are tasks on this executor, cancelled when the call ends in time: nearly all of them.
        // The SDK's own executor keeps cancelled tasks queued until they would have fired (minutes), so at thousands of
        // calls a second its queue grows to millions; the wheel drops them at its next tick, and wakes no thread per call.
        this.timers = new WheelScheduler("outcrop-bedrock-timeouts");
        this.factory = factory;
    }

    public C get(String region) {
        C client = clients.get(region);
        if (client != null) {
            return client;
        }
        ensureOpen();
        return clients.computeIfAbsent(region, r -> factory.create(http, timers, new ClientKey(r, endpoint)));
    }

    /** Throws the closed client's error once {@link #close} has run. */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Bedrock client was closed; create a new one");
        }
    }

    /** The HTTP client every SDK client here shares; the DIRECT transport sends its own exchanges on it too. */
    public SdkAsyncHttpClient http() {
        return http;
    }

    /** The timing wheel that runs the clients' timeouts and retry delays. */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /** Builds one SDK client on the shared HTTP client and timeout executor. */
    @FunctionalInterface
    public interface Factory<C> {
        C create(SdkAsyncHttpClient http, ScheduledExecutorService timers, ClientKey key);
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
        timers.shutdownNow();
        // Not awaited: close() returns at once. The short quiet period lets the pool's last channel-close listeners run.
        if (eventLoops != null) {
            eventLoops.shutdownGracefully(500, 5_000, TimeUnit.MILLISECONDS);
        }
    }
}
