package dev.outcrop.core.internal.credentials;


import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.core.location.LocationCredentials;

/**
 * A location ready for calls: its record, its unsealed credentials and the region to call.
 * Lives only for the statement that resolved it.
 */
public record ResolvedLocation(LocationRecord record, LocationCredentials credentials, String region) {

    @Override
    public String toString() {
        return "ResolvedLocation[" + record.locationName() + ", region=" + region + "]";
    }
}
