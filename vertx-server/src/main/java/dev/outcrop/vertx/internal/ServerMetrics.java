package dev.outcrop.vertx.internal;

import dev.outcrop.core.Outcrop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's one Prometheus registry, shared by every address it listens on (the demo's HTTPS port beside the
 * plain one), so that {@code /metrics} on either shows the whole process.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry;

    private ServerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public static ServerMetrics create(Outcrop outcrop) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("outcrop.ai.calls.in.flight", outcrop, Outcrop::callsInFlight).description("model calls sent and not yet answered")
                .register(registry);
        Gauge.builder("outcrop.ai.calls.max", outcrop, Outcrop::maxCallsInFlight).description("the process's limit of model calls in flight")
                .register(registry);
        return new ServerMetrics(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
