package dev.outcrop.vertx.config;

import static java.util.Objects.requireNonNull;

/**
 * One {@code outcrop.*} setting the server reads: its key, its default as it would be written in a
 * properties file (null when it has none), and what it does. The lists of these
 * ({@link ServerConfig#SETTINGS}, {@code DeploymentModule.SETTINGS}) are what the server reads, and
 * {@code docs/configuration.md} is generated from them.
 */
public record ConfigSetting(String key, String defaultValue, String description) {
    public ConfigSetting {
        requireNonNull(key, "key is null");
        requireNonNull(description, "description is null");
        if (!key.startsWith("outcrop.")) {
            throw new IllegalArgumentException("key must start with 'outcrop.', but was '" + key + "'");
        }
    }

    /** A setting without a default: required, or absent unless set. */
    public static ConfigSetting withoutDefault(String key, String description) {
        return new ConfigSetting(key, null, description);
    }

    public static ConfigSetting of(String key, Object defaultValue, String description) {
        return new ConfigSetting(key, String.valueOf(requireNonNull(defaultValue, "defaultValue is null")), description);
    }
}
