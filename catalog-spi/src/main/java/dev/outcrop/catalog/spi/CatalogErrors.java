package dev.outcrop.catalog.spi;

import static dev.outcrop.catalog.spi.CatalogException.Reason.ALREADY_EXISTS;
import static dev.outcrop.catalog.spi.CatalogException.Reason.NOT_FOUND;
import static dev.outcrop.catalog.spi.CatalogException.Reason.UNAVAILABLE;
import static dev.outcrop.catalog.spi.CatalogException.Reason.VERSION_CONFLICT;

/**
 * The {@link CatalogException}s every store raises, worded once so that all stores say the same thing
 * and core can rely on the reason alone. Store authors may use these or build their own.
 */
public final class CatalogErrors {

    private CatalogErrors() {}

    public static CatalogException accountNotFound(String accountName) {
        return new CatalogException(NOT_FOUND, "Account '" + accountName + "' does not exist");
    }

    public static CatalogException accountExists(String accountName) {
        return new CatalogException(ALREADY_EXISTS, "Account '" + accountName + "' already exists; choose another name");
    }

    public static CatalogException accountChanged(String accountName, long expectedVersion, long storedVersion) {
        return new CatalogException(VERSION_CONFLICT, "Account '" + accountName + "' was changed concurrently (expected version "
                + expectedVersion + ", stored version " + storedVersion + "); read it again and retry the change");
    }

    public static CatalogException locationNotFound(String accountName, String locationName) {
        return new CatalogException(NOT_FOUND, "Location '" + locationName + "' does not exist in account '" + accountName + "'");
    }

    public static CatalogException locationExists(String accountName, String locationName) {
        return new CatalogException(ALREADY_EXISTS,
                "Location '" + locationName + "' already exists in account '" + accountName + "'; choose another name");
    }

    public static CatalogException locationIdExists(String id) {
        return new CatalogException(ALREADY_EXISTS, "A location with id '" + id + "' already exists; give the new location a fresh id");
    }

    public static CatalogException locationChanged(String accountName, String locationName, long expectedVersion, long storedVersion) {
        return new CatalogException(VERSION_CONFLICT, "Location '" + locationName + "' of account '" + accountName
                + "' was changed concurrently (expected version " + expectedVersion + ", stored version " + storedVersion
                + "); read it again and retry the change");
    }

    public static CatalogException locationReplaced(String accountName, String locationName, String expectedId) {
        return new CatalogException(VERSION_CONFLICT, "Location '" + locationName + "' of account '" + accountName
                + "' was dropped and created again since it was read (expected id " + expectedId
                + "); read it again and retry the change");
    }

    public static CatalogException principalNotFound(String accountName, String principalName) {
        return new CatalogException(NOT_FOUND, "User or role '" + principalName + "' does not exist in account '" + accountName + "'");
    }

    public static CatalogException principalExists(String accountName, String principalName) {
        return new CatalogException(ALREADY_EXISTS,
                "A user or role named '" + principalName + "' already exists in account '" + accountName + "'; choose another name");
    }

    public static CatalogException serviceAccountNotFound(String accountName, String name) {
        return new CatalogException(NOT_FOUND, "Service account '" + name + "' does not exist in account '" + accountName + "'");
    }

    public static CatalogException serviceAccountExists(String accountName, String name) {
        return new CatalogException(ALREADY_EXISTS,
                "Service account '" + name + "' already exists in account '" + accountName + "'; choose another name");
    }

    public static CatalogException serviceAccountIdExists(String id) {
        return new CatalogException(ALREADY_EXISTS, "A service account with id '" + id + "' already exists; give the new one a fresh id");
    }

    public static CatalogException serviceAccountChanged(String accountName, String name, long expectedVersion, long storedVersion) {
        return new CatalogException(VERSION_CONFLICT, "Service account '" + name + "' of account '" + accountName
                + "' was changed concurrently (expected version " + expectedVersion + ", stored version " + storedVersion
                + "); read it again and retry the change");
    }

    /** For a store that cannot be reached: retryable, and never to be confused with "not found". */
    public static CatalogException unavailable(String what, Throwable cause) {
        return new CatalogException(UNAVAILABLE, what + "; the call can be retried once the catalog store is back", cause);
    }
}
