package dev.outcrop.bedrock.emulator;

import dev.outcrop.bedrock.emulator.internal.fault.FaultRule;
import dev.outcrop.bedrock.emulator.internal.fault.FaultTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Run-time fault injection, per model. Keys are model id patterns like {@link Identity#allowedModels()}: an exact
 * id as the client sent it or as it resolves ({@code amazon.nova-micro-v1:0}), a prefix ending in {@code *}, or
 * {@code *} for every model. When several patterns match, the most specific (longest) wins. Thread-safe; changes
 * apply to the next call.
 */
public final class EmulatorFaults {
    // The rules live in the internal table that the admin API and the per-call policy share, so a change made here
    // or over HTTP is seen by both; this class only translates FaultSpec to and from the internal rule. The mutators
    // stay synchronized on this object, as they were declared before the table existed.
    private final FaultTable table = new FaultTable();

    /** Sets (or replaces) the faults for a model pattern. */
    public synchronized EmulatorFaults set(String modelPattern, FaultSpec spec) {
        Objects.requireNonNull(modelPattern, "modelPattern is null");
        Objects.requireNonNull(spec, "spec is null");
        table.set(modelPattern, rule(spec));
        return this;
    }

    /** Faults for every model. */
    public EmulatorFaults setAll(FaultSpec spec) {
        return set("*", spec);
    }

    public synchronized EmulatorFaults remove(String modelPattern) {
        table.remove(modelPattern);
        return this;
    }

    /** Back to no faults at all. */
    public synchronized void reset() {
        table.reset();
    }

    public Map<String, FaultSpec> current() {
        Map<String, FaultRule> rules = table.current();
        Map<String, FaultSpec> specs = new HashMap<>(rules.size() * 2);
        rules.forEach((pattern, rule) -> specs.put(pattern, spec(rule)));
        return Map.copyOf(specs);
    }

    /** The spec that applies to a call, matching the requested and the resolved id; {@link FaultSpec#NONE} if none. */
    public FaultSpec lookup(String requestedId, String resolvedId) {
        Map<String, FaultRule> rules = table.current();
        String pattern = FaultTable.matchingPattern(rules, requestedId, resolvedId);
        return pattern == null ? FaultSpec.NONE : spec(rules.get(pattern));
    }

    /** The shared table behind this facade, for the emulator to hand to the fault policy and the admin API. */
    FaultTable table() {
        return table;
    }

    private static FaultRule rule(FaultSpec s) {
        return new FaultRule(s.latency(), s.latencyJitter(), s.throttleRate(), s.maxRequestsPerSecond(),
                s.serverErrorRate(), s.serverErrorType(), s.connectionResetRate(), s.firstByteDelay(), s.chunkDelay(),
                s.cutStreamAfterChunks(), s.streamExceptionType(), s.retryAfter());
    }

    private static FaultSpec spec(FaultRule r) {
        return new FaultSpec(r.latency(), r.latencyJitter(), r.throttleRate(), r.maxRequestsPerSecond(),
                r.serverErrorRate(), r.serverErrorType(), r.connectionResetRate(), r.firstByteDelay(), r.chunkDelay(),
                r.cutStreamAfterChunks(), r.streamExceptionType(), r.retryAfter());
    }
}
