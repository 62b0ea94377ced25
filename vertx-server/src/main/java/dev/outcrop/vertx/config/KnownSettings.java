package dev.outcrop.vertx.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of a section of the configuration, for two jobs: mapping an {@code OUTCROP_*} environment
 * variable to its key exactly (so that {@code OUTCROP_CATALOG_JDBC_URL} becomes {@code outcrop.catalog.jdbc.url},
 * whose dots and dashes a single rule cannot guess), and refusing a misspelt key of a section the server
 * owns by name instead of ignoring it.
 */
public final class KnownSettings {

    private final Set<String> keys;

    public KnownSettings(Collection<String> keys) {
        this.keys = Set.copyOf(keys);
    }

    /** The environment variable of a key: upper case, with {@code .} and {@code -} written {@code _}. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The known key whose environment variable is {@code variable}, if any. */
    public Optional<String> keyOf(String variable) {
        return keys.stream().filter(key -> environmentVariable(key).equals(variable)).findFirst();
    }

    /**
     * Refuses keys under {@code prefixes} that are not known, naming them and the known keys of their section.
     *
     * @throws IllegalArgumentException naming the unknown keys
     */
    public void refuseUnknown(Map<String, String> properties, List<String> prefixes) {
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            for (String prefix : prefixes) {
                if (key.startsWith(prefix) && !keys.contains(key)) {
                    unknown.add(key);
                }
            }
        }
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>();
            for (String key : keys) {
                for (String prefix : prefixes) {
                    if (key.startsWith(prefix)) {
                        known.add(key);
                    }
                }
            }
            throw new IllegalArgumentException("unknown setting" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + ": check the spelling; the known ones are " + String.join(", ", known) + " (see docs/configuration.md)");
        }
    }
}
