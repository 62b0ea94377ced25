package dev.outcrop.core.internal;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.internal.seal.CredentialSealer;
import dev.outcrop.core.location.LocationCredentials;
import java.time.Clock;
import java.util.Optional;

/**
 * The catalog as core uses it: seals credentials on the way in, unseals them on the way out, and turns
 * store failures into errors a user can act on. Blocking; call it from the engine's executor.
 */
final class CatalogAccess {

    private final CatalogStore store;
    private final CredentialSealer sealer;
    private final Clock clock;

    CatalogAccess(CatalogStore store, CredentialSealer sealer, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
    }

    CatalogStore store() {
        return store;
    }

    CredentialSealer sealer() {
        return sealer;
    }

    Clock clock() {
        return clock;
    }

    AccountRecord account(String accountName) {
        return store.findAccount(accountName).orElseThrow(() -> new OutcropException(OutcropErrorCode.ACCOUNT_NOT_FOUND,
                "account '" + accountName + "' does not exist: check the account name the session was opened with"));
    }

    Optional<LocationRecord> findLocation(String accountName, String locationName) {
        return store.findLocation(accountName, locationName);
    }

    LocationCredentials unseal(LocationRecord record) {
        return sealer.unseal(record.accountName(), record.id(), record.credentials());
    }

    static OutcropException translate(CatalogException e, String doing) {
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
        return new OutcropException(OutcropErrorCode.INTERNAL, "the catalog failed while " + doing + ": " + e.getMessage(), e);
    }
}
