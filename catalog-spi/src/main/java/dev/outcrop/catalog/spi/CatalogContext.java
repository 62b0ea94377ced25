package dev.outcrop.catalog.spi;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What the host gives a store. New capabilities are added here as default methods, so that
 * {@link CatalogProvider#create} never needs a new parameter.
 */
public interface CatalogContext {

    /** The clock the host runs on; stores use it for any time they record. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The directory where the host keeps its files; an embedded store (such as H2 in file mode) puts its
     * database below it. Defaults to the environment variable {@code OUTCROP_DATA_DIR} when set, else to
     * {@code .outcrop} in the user's home directory. The directory may not exist yet.
     */
    default Path dataDirectory() {
        String configured = System.getenv("OUTCROP_DATA_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".outcrop");
    }

    /** A context with the system UTC clock. */
    static CatalogContext defaults() {
        return new CatalogContext() { };
    }

    /** A context with the given clock, for tests that control time. */
    static CatalogContext withClock(Clock clock) {
        java.util.Objects.requireNonNull(clock, "clock is null");
        return new CatalogContext() {
            @Override
            public Clock clock() {
                return clock;
            }
        };
    }
}
