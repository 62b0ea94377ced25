package dev.outcrop.vertx;

import dev.outcrop.bedrock.client.config.WireLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The server's part of keeping credentials out of its log. slf4j-simple reads its levels from system properties
 * first and simplelogger.properties second, each time a logger is made; this runs before the first one is made.
 * The bundled simplelogger.properties pins {@link WireLogging#SENSITIVE_LOGGERS} at INFO. Without the unsafe switch,
 * a system property that sets one of them (or a logger below one) to DEBUG or TRACE is raised to INFO, so only the
 * switch lets the wire into the log. With the switch, the pins are lifted: those loggers follow the default level,
 * unless a system property sets them.
 */
final class LoggingSetup {

    static final String LEVEL_PREFIX = "org.slf4j.simpleLogger.log.";
    static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /** The switch as a key of the --config file; OUTCROP_UNSAFE_WIRE_LOGGING arrives under this key too. */
    static final String UNSAFE_SETTING = WireLogging.UNSAFE_PROPERTY;

    private static final Set<String> BELOW_INFO = Set.of("trace", "debug", "all");

    private LoggingSetup() {
    }

    /**
     * Sets the level system properties for the wire loggers.
     *
     * @param settings the server's settings (the --config file and OUTCROP_* variables)
     * @param system   the system properties, changed in place
     * @param bundled  the bundled simplelogger.properties
     * @return what was overridden, to log once logging is up
     */
    static List<String> apply(Map<String, String> settings, Properties system, Properties bundled) {
        List<String> notes = new ArrayList<>();
        boolean unsafe = "true".equalsIgnoreCase(trimmed(settings.get(UNSAFE_SETTING)))
                || "true".equalsIgnoreCase(trimmed(system.getProperty(WireLogging.UNSAFE_PROPERTY)));
        if (unsafe) {
            // bedrock-client reads the switch from system properties and the environment, not from the --config file.
            system.setProperty(WireLogging.UNSAFE_PROPERTY, "true");
            String defaultLevel = system.getProperty(DEFAULT_LEVEL, bundled.getProperty(DEFAULT_LEVEL, "info"));
            for (String name : WireLogging.SENSITIVE_LOGGERS) {
                if (system.getProperty(LEVEL_PREFIX + name) == null) {
                    system.setProperty(LEVEL_PREFIX + name, defaultLevel);
                }
            }
            return notes;
        }
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith(LEVEL_PREFIX) && isSensitive(key.substring(LEVEL_PREFIX.length()))) {
                String level = trimmed(system.getProperty(key)).toLowerCase(Locale.ROOT);
                if (BELOW_INFO.contains(level)) {
                    system.setProperty(key, "info");
                    notes.add("Raised -D" + key + " from " + level + " to info: at " + level + " it writes AWS credentials into the log."
                            + " Set OUTCROP_UNSAFE_WIRE_LOGGING=true to allow it");
                }
            }
        }
        return notes;
    }

    /** The bundled simplelogger.properties, or nothing when a deployment removed it. */
    static Properties bundled() {
        Properties properties = new Properties();
        try (InputStream in = LoggingSetup.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read simplelogger.properties", e);
        }
        return properties;
    }

    static boolean isSensitive(String loggerName) {
        for (String name : WireLogging.SENSITIVE_LOGGERS) {
            if (loggerName.equals(name) || loggerName.startsWith(name + ".")) {
                return true;
            }
        }
        return false;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
