package dev.outcrop.vertx.internal;

import dev.outcrop.core.port.AiCallMetrics;
import dev.outcrop.core.port.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Core's {@link AiCallMetrics} port as Micrometer meters, which {@code /metrics} shows in Prometheus' format:
 * <ul>
 *   <li>{@code outcrop_ai_calls_total{function,model,outcome}}: attempts by outcome ({@code succeeded},
 *       {@code throttled}, {@code failed}, {@code cancelled});</li>
 *   <li>{@code outcrop_ai_tokens_total{function,model,direction}}: tokens charged, {@code input} and {@code output};</li>
 *   <li>{@code outcrop_ai_throttles_total{function,model}} and {@code outcrop_ai_retries_total{function,model}};</li>
 *   <li>{@code outcrop_ai_rows_in_flight}: rows whose value a model call is computing.</li>
 * </ul>
 * The model id is the one text a statement controls here, so it becomes a label only when it looks like a model id
 * (else {@code invalid}), and only for the first {@value #MAX_MODELS} distinct ids (then {@code other}): a statement
 * can neither grow the series without bound nor put arbitrary text, such as a prompt, into {@code /metrics}.
 */
final class MicrometerAiCallMetrics implements AiCallMetrics {

    static final int MAX_MODELS = 100;
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

    private final MeterRegistry registry;
    private final AtomicLong rowsInFlight = new AtomicLong();
    private final Map<String, Boolean> models = new ConcurrentHashMap<>();
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    private record Key(String name, String function, String model, String tagName, String tagValue) {
    }

    MicrometerAiCallMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("outcrop.ai.rows.in.flight", rowsInFlight, AtomicLong::get)
                .description("rows whose value a model call (with its retries) is computing").register(registry);
    }

    @Override
    public void callEnded(String function, String model, Outcome outcome, TokenUsage usage) {
        String label = model(model);
        counter("outcrop.ai.calls", function, label, "outcome", outcome.name().toLowerCase(Locale.ROOT), "model call attempts by outcome")
                .increment();
        if (outcome == Outcome.THROTTLED) {
            counter("outcrop.ai.throttles", function, label, null, null, "model calls the service throttled").increment();
        }
        if (usage.inputTokens() > 0) {
            counter("outcrop.ai.tokens", function, label, "direction", "input", "tokens charged for model calls").increment(usage.inputTokens());
        }
        if (usage.outputTokens() > 0) {
            counter("outcrop.ai.tokens", function, label, "direction", "output", "tokens charged for model calls").increment(usage.outputTokens());
        }
    }

    @Override
    public void callRetried(String function, String model) {
        counter("outcrop.ai.retries", function, model(model), null, null, "model calls sent again after a throttle or a lost connection")
                .increment();
    }

    @Override
    public void rowsInFlightChanged(int delta) {
        rowsInFlight.addAndGet(delta);
    }

    private String model(String model) {
        // A model seen before was checked then: every call after the first skips the pattern.
        if (model != null && models.containsKey(model)) {
            return model;
        }
        if (model == null || !MODEL_ID.matcher(model).matches()) {
            return "invalid";
        }
        synchronized (models) {
            if (models.size() < MAX_MODELS) {
                models.put(model, Boolean.TRUE);
                return model;
            }
        }
        return models.containsKey(model) ? model : "other";
    }

    private Counter counter(String name, String function, String model, String tagName, String tagValue, String description) {
        return counters.computeIfAbsent(new Key(name, function, model, tagName, tagValue), key -> {
            Counter.Builder builder = Counter.builder(name).description(description).tag("function", function).tag("model", model);
            if (tagName != null) {
                builder.tag(tagName, tagValue);
            }
            return builder.register(registry);
        });
    }
}
