package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A location as stored.
 *
 * @param id identifier assigned once at creation and kept across renames; caches key on it with the version,
 *           so a location dropped and created again under the same name is never confused with the old one
 * @param accountName the owning account
 * @param locationName lower-case or quoted name, unique in the account
 * @param source {@code AMAZON_BEDROCK}, {@code AMAZON_S3}, ...
 * @param url the location's URL for sources that have one, or null
 * @param description free text, or null
 * @param region the AWS region for calls through this location, or null for the account's region
 * @param owner the principal that owns the location
 * @param created when the location was created
 * @param credentials the sealed credentials
 * @param version compare-and-set version; 1 for a new record
 */
public record LocationRecord(
        String id,
        String accountName,
        String locationName,
        String source,
        String url,
        String description,
        String region,
        String owner,
        Instant created,
        SealedSecret credentials,
        long version) {

    public LocationRecord {
        requireNonNull(id, "id is null");
        requireNonNull(accountName, "accountName is null");
        requireNonNull(locationName, "locationName is null");
        requireNonNull(source, "source is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(created, "created is null");
        requireNonNull(credentials, "credentials is null");
        if (locationName.isEmpty()) {
            throw new IllegalArgumentException("locationName is empty");
        }
    }

    public LocationRecord withVersion(long newVersion) {
        return new LocationRecord(id, accountName, locationName, source, url, description, region, owner, created, credentials, newVersion);
    }

    public LocationRecord withName(String newName) {
        return new LocationRecord(id, accountName, newName, source, url, description, region, owner, created, credentials, version);
    }
}
