package dev.outcrop.catalog.testkit;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import java.time.Instant;
import java.util.UUID;

/**
 * Records for contract tests. Times are whole milliseconds, so that a store keeping microseconds returns
 * them unchanged; every location gets a fresh id.
 */
public final class CatalogFixtures {

    /** A fixed instant with millisecond precision. */
    public static final Instant CREATED = Instant.parse("2026-03-14T15:09:26.535Z");

    private CatalogFixtures() {}

    public static AccountRecord account(String accountName) {
        return new AccountRecord(accountName, "us-east-1", "arn:aws:iam::123456789012:role/outcrop-trust-" + accountName, 0, CREATED, 1);
    }

    public static LocationRecord location(String accountName, String locationName) {
        return new LocationRecord(UUID.randomUUID().toString(), accountName, locationName, "AMAZON_BEDROCK", null, null, null,
                "owner_user", CREATED, sealed("payload-of-" + locationName), 1);
    }

    /** A location whose optional fields are all set. */
    public static LocationRecord fullLocation(String accountName, String locationName) {
        return new LocationRecord(UUID.randomUUID().toString(), accountName, locationName, "AMAZON_S3", "s3://bucket/prefix/",
                "raw files for " + locationName, "eu-west-1", "owner_role", CREATED, sealed("payload-of-" + locationName), 1);
    }

    /** A stand-in for core's ciphertext; the store must keep it byte for byte. */
    public static SealedSecret sealed(String text) {
        return new SealedSecret("key-2026-01", java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static PrincipalRecord user(String accountName, String name) {
        return new PrincipalRecord(accountName, name, PrincipalRecord.Kind.USER, CREATED);
    }

    public static PrincipalRecord role(String accountName, String name) {
        return new PrincipalRecord(accountName, name, PrincipalRecord.Kind.ROLE, CREATED);
    }

    public static GrantRecord usageOnLocation(String accountName, String locationName, String grantee) {
        return new GrantRecord(accountName, "USAGE", "LOCATION", locationName, grantee);
    }

    public static LocationRecord withDescription(LocationRecord location, String description) {
        return new LocationRecord(location.id(), location.accountName(), location.locationName(), location.source(), location.url(),
                description, location.region(), location.owner(), location.created(), location.credentials(), location.version());
    }

    public static LocationRecord withCredentials(LocationRecord location, SealedSecret credentials) {
        return new LocationRecord(location.id(), location.accountName(), location.locationName(), location.source(), location.url(),
                location.description(), location.region(), location.owner(), location.created(), credentials, location.version());
    }
}
