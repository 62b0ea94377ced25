package dev.outcrop.core.internal.catalog;

import dev.outcrop.core.internal.seal.CredentialSealer;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.location.LocationCredentials;
import java.util.Optional;

/**
 * The catalog as core uses it: seals credentials on the way in, unseals them on the way out, and turns
 * store failures into errors a user can act on. Blocking; call it from the engine's executor.
 */
public final class CatalogAccess {

    private final CatalogStore store;
    private final CredentialSealer sealer;
    /** Bounds the unsealed cache; a deployment with more live locations than this just unseals more often. */
    private static final int MAX_UNSEALED = 10_000;
    private final java.util.concurrent.ConcurrentMap<UnsealedKey, LocationCredentials> unsealed = new java.util.concurrent.ConcurrentHashMap<>();

    public CatalogAccess(CatalogStore store, CredentialSealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    public CatalogStore store() {
        return store;
    }

    public CredentialSealer sealer() {
        return sealer;
    }

    public AccountRecord account(String accountName) {
        return store.findAccount(accountName).orElseThrow(() -> new OutcropException(OutcropErrorCode.ACCOUNT_NOT_FOUND,
                "account '" + accountName + "' does not exist: check the account name the session was opened with"));
    }

    public Optional<LocationRecord> findLocation(String accountName, String locationName) {
        return store.findLocation(accountName, locationName);
    }

    /**
     * The location's credentials in the clear. Unsealed credentials are kept per (id, version): a new
     * version is a new entry, so ALTER never serves old credentials, and the cost of AES-GCM and of a
     * cipher instance is paid once per location version instead of once per statement.
     */
    public LocationCredentials unseal(LocationRecord record) {
        UnsealedKey key = new UnsealedKey(record.accountName(), record.id(), record.version());
        LocationCredentials known = unsealed.get(key);
        if (known != null) {
            return known;
        }
        LocationCredentials credentials;
        try {
            credentials = sealer.unseal(record.accountName(), record.id(), record.credentials());
        }
        catch (OutcropException e) {
            throw unreadable(record, e);
        }
        if (unsealed.size() >= MAX_UNSEALED) {
            unsealed.clear();
        }
        unsealed.put(key, credentials);
        return credentials;
    }

    /**
     * A location this server cannot unseal fails alone: the statements that need its credentials get this
     * error, naming the location and the key id; everything else (the views included) goes on.
     */
    private static OutcropException unreadable(LocationRecord record, OutcropException cause) {
        String keyId = record.credentials().keyId();
        return new OutcropException(OutcropErrorCode.LOCATION_CREDENTIALS_UNREADABLE, "the credentials of location '" + record.locationName()
                + "' were sealed with key '" + keyId + "', and this server cannot unseal them (" + cause.getMessage() + ")."
                + " Only statements that need this location fail. Configure sealing key '" + keyId + "' on every server, or give the location"
                + " new credentials with ALTER LOCATION " + dev.outcrop.core.expression.Identifier.of(record.locationName()).toSql()
                + " SET CREDENTIALS = ( … )", cause);
    }

    /** Forgets the unsealed credentials of every version of the location. */
    public void forget(String locationId) {
        unsealed.keySet().removeIf(key -> key.locationId().equals(locationId));
    }

    private record UnsealedKey(String accountName, String locationId, long version) {
    }

    public static OutcropException translate(CatalogException e, String doing) {
        if (e.reason() == CatalogException.Reason.UNAVAILABLE) {
            return new OutcropException(OutcropErrorCode.CATALOG_UNAVAILABLE,
                    "the catalog cannot be reached while " + doing + ": " + e.getMessage() + "; nothing was changed, retry when it is back", e) {
                private static final long serialVersionUID = 1L;

                @Override
                public boolean retryable() {
                    return true;
                }
            };
        }
        if (e.reason() == CatalogException.Reason.VERSION_CONFLICT) {
            return new OutcropException(OutcropErrorCode.CONCURRENT_MODIFICATION,
                    "another statement changed the same object at the same time while " + doing + "; run the statement again", e);
        }
        if (e.reason() == CatalogException.Reason.INVALID) {
            // The statement's input breaks a rule of the store (a name too long, a NUL): the user's to fix, and the message says how.
            return new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        return new OutcropException(OutcropErrorCode.INTERNAL, "the catalog failed while " + doing + ": " + e.getMessage(), e);
    }
}
