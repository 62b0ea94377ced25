package dev.outcrop.catalog.spi;

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
