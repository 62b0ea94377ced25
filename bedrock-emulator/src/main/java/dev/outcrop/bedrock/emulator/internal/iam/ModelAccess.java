package dev.outcrop.bedrock.emulator.internal.iam;

import java.util.List;

/** Model id patterns a principal may invoke: exact ids, {@code *}, or a prefix ending in {@code *}. */
public record ModelAccess(List<String> patterns) {

    public ModelAccess {
        patterns = List.copyOf(patterns);
    }

    /** True when any of the given ids (the requested id, and the base model it resolves to) is allowed. */
    public boolean allows(String... modelIds) {
        for (String pattern : patterns) {
            for (String id : modelIds) {
                if (id != null && matches(pattern, id)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String id) {
        if (pattern.endsWith("*")) {
            return id.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(id);
    }
}
