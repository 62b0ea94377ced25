package dev.outcrop.bedrock.client.internal;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The synchronous Bedrock Runtime clients behind the blocking calls, one per region, all on one Apache connection pool.
 * Nothing is built until the first blocking call, so a runtime used only asynchronously has no second pool. The clients
 * share the asynchronous ones' settings (retries, timeouts, endpoint) through {@link ClientFactory}.
 */
public final class BlockingClients implements AutoCloseable {

    private final BedrockClientConfig config;
    private final URI endpoint;
    private final Map<String, BedrockRuntimeClient> clients = new ConcurrentHashMap<>();
    private SdkHttpClient http;
    private WheelScheduler timers;
    private boolean closed;

    public BlockingClients(BedrockClientConfig config, URI endpoint) {
        this.config = config;
        this.endpoint = endpoint;
    }

    public BedrockRuntimeClient get(String region) {
        BedrockRuntimeClient client = clients.get(region);
        return client != null ? client : create(region);
    }

    /** The Apache pool under the blocking calls, built on first use; the DIRECT transport's blocking calls use it too. */
    public synchronized SdkHttpClient http() {
        ensureBuilt();
        return http;
    }

    /** The timing wheel of the blocking calls' timeouts, built with {@link #http()}. */
    public synchronized WheelScheduler timers() {
        ensureBuilt();
        return timers;
    }

    private void ensureBuilt() {
        if (closed) {
            throw new IllegalStateException("the Bedrock client was closed; create a new one");
        }
        if (http == null) {
            http = ClientFactory.blockingHttpClient(config);
            // The SDK's timeouts are tasks here, dropped when the call ends in time (see SdkClients and WheelScheduler).
            timers = new WheelScheduler("outcrop-bedrock-blocking-timeouts");
        }
    }

    private synchronized BedrockRuntimeClient create(String region) {
        ensureBuilt();
        return clients.computeIfAbsent(region, r -> ClientFactory.bedrockBlocking(config, http, timers, new ClientKey(r, endpoint)));
    }

    @Override
    public synchronized void close() {
        closed = true;
        clients.values().forEach(BedrockRuntimeClient::close);
        clients.clear();
        if (http != null) {
            http.close();
            timers.shutdownNow();
        }
    }
}
