package dev.outcrop.core.internal.seal;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.security.ResealProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Seals every location that is not sealed with the primary key again, with the primary key, so that an
 * older key can be removed.
 *
 * <p>Safe to run while servers serve, and to run again: each location is written by compare-and-set on
 * the version it was read at. When another statement changed the location first, the location is read
 * again; an ALTER that set new credentials sealed them with its server's primary key, and the run then
 * has nothing to do, so the concurrent ALTER always wins. A location that is dropped or renamed while
 * the run reaches it is left to its new state. A run that stops halfway leaves every location readable
 * (each row holds either its old or its new sealing, never half of one).
 */
public final class Resealer {

    /** How often a location whose version keeps moving is tried before it is counted as changed meanwhile. */
    private static final int MAX_ATTEMPTS = 5;
    /** Progress is reported after this many locations, and at the end. */
    private static final int REPORT_EVERY = 100;

    private final CatalogStore store;
    private final CredentialSealer sealer;
    private final String primaryKeyId;

    public Resealer(CatalogStore store, CredentialSealer sealer, String primaryKeyId) {
        this.store = store;
        this.sealer = sealer;
        this.primaryKeyId = primaryKeyId;
    }

    private enum Outcome { RESEALED, CURRENT, CHANGED, UNREADABLE }

    /** Every account's locations. Blocking: one read per account and one write per location to re-seal. */
    public ResealProgress run(Consumer<ResealProgress> progress) {
        return run(store.listAccounts().stream().map(AccountRecord::accountName).toList(), progress);
    }

    /** The named accounts' locations. */
    public ResealProgress run(List<String> accountNames, Consumer<ResealProgress> progress) {
        long examined = 0;
        long resealed = 0;
        long current = 0;
        long changed = 0;
        List<String> unreadable = new ArrayList<>();
        for (String accountName : accountNames) {
            for (LocationRecord location : store.listLocations(accountName)) {
                switch (reseal(location)) {
                    case RESEALED -> resealed++;
                    case CURRENT -> current++;
                    case CHANGED -> changed++;
                    case UNREADABLE -> unreadable.add(accountName + "." + location.locationName()
                            + " (key '" + location.credentials().keyId() + "')");
                }
                examined++;
                if (examined % REPORT_EVERY == 0) {
                    progress.accept(new ResealProgress(primaryKeyId, examined, resealed, current, changed, unreadable, 0, false));
                }
            }
        }
        ResealProgress done = new ResealProgress(primaryKeyId, examined, resealed, current, changed, unreadable,
                stillOnOtherKeys(accountNames), true);
        progress.accept(done);
        return done;
    }

    /** A last look, which also counts what was renamed or created under another key while the run went. */
    private long stillOnOtherKeys(List<String> accountNames) {
        long count = 0;
        for (String accountName : accountNames) {
            count += store.listLocations(accountName).stream().filter(l -> !l.credentials().keyId().equals(primaryKeyId)).count();
        }
        return count;
    }

    private Outcome reseal(LocationRecord read) {
        LocationRecord location = read;
        for (int attempt = 1; ; attempt++) {
            if (location.credentials().keyId().equals(primaryKeyId)) {
                return Outcome.CURRENT;
            }
            LocationCredentials credentials;
            try {
                credentials = sealer.unseal(location.accountName(), location.id(), location.credentials());
            }
            catch (OutcropException e) {
                return Outcome.UNREADABLE;
            }
            SealedSecret sealed = sealer.seal(location.accountName(), location.id(), credentials);
            try {
                store.updateLocation(new LocationRecord(location.id(), location.accountName(), location.locationName(), location.source(),
                        location.url(), location.description(), location.region(), location.owner(), location.created(), sealed,
                        location.version()));
                return Outcome.RESEALED;
            }
            catch (CatalogException e) {
                if (e.reason() != CatalogException.Reason.VERSION_CONFLICT && e.reason() != CatalogException.Reason.NOT_FOUND) {
                    throw e;
                }
            }
            // Someone changed, renamed or dropped it since it was read: look again, and let their change stand.
            Optional<LocationRecord> now = store.findLocation(location.accountName(), location.locationName());
            if (now.isEmpty() || !now.get().id().equals(location.id()) || attempt >= MAX_ATTEMPTS) {
                return Outcome.CHANGED;
            }
            location = now.get();
        }
    }
}
