package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.port.AiCallMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's one Prometheus registry, shared by every address it listens on (the demo's HTTPS port beside the
 * plain one), so that {@code /metrics} on either shows the whole process. It is made before {@link Outcrop}, which
 * reports its model calls through {@link #aiCalls()}; {@link #watch} then adds the gauges read from it.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry;
    private final AiCallMetrics aiCalls;
    /** One count for every listener: a second gauge of the same name would be ignored (with a warning at start). */
    private final AtomicInteger httpRequestsInProgress = new AtomicInteger();

    private ServerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.aiCalls = new MicrometerAiCallMetrics(registry);
        registry.gauge("outcrop.http.requests.in.progress", httpRequestsInProgress);
        // The access log is one per process too (AccessLog.shared()): counted once, whatever the listeners.
        FunctionCounter.builder("outcrop.access.log.dropped", AccessLog.shared(), AccessLog::dropped)
                .description("access-log lines dropped because the log did not keep up")
                .register(registry);
    }

    /** HTTP requests received and not yet answered, on every address the server listens on. */
    AtomicInteger httpRequestsInProgress() {
        return httpRequestsInProgress;
    }

    public static ServerMetrics create() {
        return new ServerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** What to give {@link Outcrop.Builder#aiMetrics}. */
    public AiCallMetrics aiCalls() {
        return aiCalls;
    }

    /** Adds the gauges read from {@code outcrop}; once. */
    public ServerMetrics watch(Outcrop outcrop) {
        Gauge.builder("outcrop.ai.calls.in.flight", outcrop, Outcrop::callsInFlight).description("model calls sent and not yet answered")
                .register(registry);
        Gauge.builder("outcrop.ai.calls.max", outcrop, Outcrop::maxCallsInFlight).description("the process's limit of model calls in flight")
                .register(registry);
        return this;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
