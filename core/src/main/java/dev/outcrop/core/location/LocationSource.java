package dev.outcrop.core.location;

import java.util.Locale;
import java.util.Optional;

/** Where a location points. Only {@link #AMAZON_BEDROCK} locations serve AI functions. */
public enum LocationSource {
    AMAZON_BEDROCK(false),
    AMAZON_S3(true),
    CLOUD_STORAGE(true);

    private final boolean hasUrl;

    LocationSource(boolean hasUrl) {
        this.hasUrl = hasUrl;
    }

    /** Whether the source takes a {@code URL} (storage sources do; Bedrock does not). */
    public boolean hasUrl() {
        return hasUrl;
    }

    /** Looks a source up by its SQL name, ignoring case. */
    public static Optional<LocationSource> fromSql(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (LocationSource source : values()) {
            if (source.name().equals(upper)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
