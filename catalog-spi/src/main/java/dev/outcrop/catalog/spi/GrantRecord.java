package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

/**
 * A privilege held by a principal on an object.
 *
 * @param privilege {@code USAGE}, {@code MODIFY}, {@code CREATE LOCATION}, {@code USAGE ANY LOCATION}, ...
 * @param objectType {@code LOCATION} or {@code ACCOUNT}
 * @param objectName the location's or the account's name
 * @param grantee the user or role that holds it
 */
public record GrantRecord(String accountName, String privilege, String objectType, String objectName, String grantee) {

    public GrantRecord {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(privilege, "privilege is null");
        requireNonNull(objectType, "objectType is null");
        requireNonNull(objectName, "objectName is null");
        requireNonNull(grantee, "grantee is null");
    }
}
