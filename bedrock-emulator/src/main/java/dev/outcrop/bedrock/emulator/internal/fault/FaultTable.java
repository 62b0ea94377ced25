package dev.outcrop.bedrock.emulator.internal.fault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fault rules in force, by model pattern: the one store that the Java API (through the public
 * {@code EmulatorFaults}), the admin API and the per-call policy all share. Patterns are exact ids as sent or as
 * resolved, prefixes ending in {@code *}, or {@code *}; when several match, the longest wins. Every change installs a
 * new immutable map, so readers need no lock and {@link SeededFaultPolicy} can tell a change by identity.
 */
public final class FaultTable {
    private volatile Map<String, FaultRule> rules = Map.of();

    /** Sets (or replaces) the rule for a model pattern. */
    public synchronized void set(String modelPattern, FaultRule rule) {
        Objects.requireNonNull(modelPattern, "modelPattern is null");
        Objects.requireNonNull(rule, "spec is null");
        Map<String, FaultRule> copy = new LinkedHashMap<>(rules);
        copy.put(modelPattern, rule);
        rules = Map.copyOf(copy);
    }

    public synchronized void remove(String modelPattern) {
        Map<String, FaultRule> copy = new LinkedHashMap<>(rules);
        copy.remove(modelPattern);
        rules = Map.copyOf(copy);
    }

    /** Back to no faults at all. */
    public synchronized void reset() {
        rules = Map.of();
    }

    /** The rules in force; an immutable map that a change replaces rather than modifies. */
    public Map<String, FaultRule> current() {
        return rules;
    }

    /** The pattern of {@code rules} whose rule applies to a call (requested or resolved id), or null. */
    public static String matchingPattern(Map<String, FaultRule> rules, String requestedId, String resolvedId) {
        String best = null;
        for (String pattern : rules.keySet()) {
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
