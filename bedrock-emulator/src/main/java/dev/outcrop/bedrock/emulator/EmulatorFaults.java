package dev.outcrop.bedrock.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Run-time fault injection, per model. Keys are model id patterns like {@link Identity#allowedModels()}: an exact
 * id as the client sent it or as it resolves ({@code amazon.nova-micro-v1:0}), a prefix ending in {@code *}, or
 * {@code *} for every model. When several patterns match, the most specific (longest) wins. Thread-safe; changes
 * apply to the next call.
 */
public final class EmulatorFaults {
    private volatile Map<String, FaultSpec> specs = Map.of();

    /** Sets (or replaces) the faults for a model pattern. */
    public synchronized EmulatorFaults set(String modelPattern, FaultSpec spec) {
        Objects.requireNonNull(modelPattern, "modelPattern is null");
        Objects.requireNonNull(spec, "spec is null");
        Map<String, FaultSpec> copy = new LinkedHashMap<>(specs);
        copy.put(modelPattern, spec);
        specs = Map.copyOf(copy);
        return this;
    }

    /** Faults for every model. */
    public EmulatorFaults setAll(FaultSpec spec) {
        return set("*", spec);
    }

    public synchronized EmulatorFaults remove(String modelPattern) {
        Map<String, FaultSpec> copy = new LinkedHashMap<>(specs);
        copy.remove(modelPattern);
        specs = Map.copyOf(copy);
        return this;
    }

    /** Back to no faults at all. */
    public synchronized void reset() {
        specs = Map.of();
    }

    public Map<String, FaultSpec> current() {
        return specs;
    }

    /** The spec that applies to a call, matching the requested and the resolved id; {@link FaultSpec#NONE} if none. */
    public FaultSpec lookup(String requestedId, String resolvedId) {
        Map<String, FaultSpec> current = specs;
        String pattern = bestPattern(current, requestedId, resolvedId);
        return pattern == null ? FaultSpec.NONE : current.get(pattern);
    }

    /** The pattern whose spec applies to a call, or null; per-second rate limits are counted under it. */
    String matchingPattern(String requestedId, String resolvedId) {
        return bestPattern(specs, requestedId, resolvedId);
    }

    private static String bestPattern(Map<String, FaultSpec> current, String requestedId, String resolvedId) {
        String best = null;
        for (String pattern : current.keySet()) {
            if ((matches(pattern, requestedId) || matches(pattern, resolvedId))
                    && (best == null || pattern.length() > best.length())) {
                best = pattern;
            }
        }
        return best;
    }

    private static boolean matches(String pattern, String id) {
        if (id == null) {
            return false;
        }
        if (pattern.endsWith("*")) {
            return id.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(id);
    }
}
