package dev.outcrop.core.internal.credentials;

import dev.outcrop.core.internal.concurrent.Futures;

import dev.outcrop.core.internal.catalog.CatalogAccess;
import dev.outcrop.core.internal.concurrent.BlockingWork;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The current version of each location, for every call: a statement checks its locations once, when it
 * is planned, but each call asks here for the credentials to sign with, so a committed ALTER or DROP
 * applies to every call that starts after it, also in statements already running.
 *
 * <p>This process's own DDL invalidates an entry before the DDL returns. Changes made by another
 * server on the same catalog are seen once an entry is older than the recheck interval: the next call
 * then reads the location again (one read, shared by the calls that wait for it).
 */
public final class LocationDirectory {

    private final CatalogAccess catalog;
    private final BlockingWork blocking;
    private final long recheckNanos;
    private final ConcurrentMap<Key, Entry> entries = new ConcurrentHashMap<>();

    private record Key(String accountName, String locationName) {
    }

    /** A location as last read, or being read. */
    private record Entry(CompletableFuture<ResolvedLocation> location, long readAtNanos) {
    }

    public LocationDirectory(CatalogAccess catalog, BlockingWork blocking, long recheckNanos) {
        this.catalog = catalog;
        this.blocking = blocking;
        this.recheckNanos = recheckNanos;
    }

    /**
     * The location as it is now, for a call of a statement that planned with {@code planned}.
     * Fails with LOCATION_NOT_FOUND when it was dropped (or renamed, or dropped and created again)
     * since the statement was planned.
     */
    public CompletableFuture<ResolvedLocation> current(AccountRecord account, ResolvedLocation planned) {
        Key key = new Key(account.accountName(), planned.record().locationName());
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry == null || (entry.location().isDone() && now - entry.readAtNanos() >= recheckNanos) || entry.location().isCompletedExceptionally()) {
            Entry fresh = new Entry(new CompletableFuture<>(), now);
            Entry previous = entry;
            boolean mine = previous == null ? entries.putIfAbsent(key, fresh) == null : entries.replace(key, previous, fresh);
            if (mine) {
                blocking.supply(() -> read(account, planned)).whenComplete((location, failure) -> {
                    if (failure != null) {
                        fresh.location().completeExceptionally(Futures.unwrap(failure));
                    }
                    else {
                        fresh.location().complete(location);
                    }
                });
                entry = fresh;
            }
            else {
                entry = entries.getOrDefault(key, fresh);
                if (entry == fresh) {
                    return current(account, planned);
                }
            }
        }
        return entry.location().thenApply(location -> {
            if (!location.record().id().equals(planned.record().id())) {
                throw dropped(planned);
            }
            return location;
        });
    }

    private ResolvedLocation read(AccountRecord account, ResolvedLocation planned) {
        LocationRecord record = catalog.findLocation(account.accountName(), planned.record().locationName())
                .orElseThrow(() -> dropped(planned));
        String region = record.region() != null ? record.region() : account.region();
        return new ResolvedLocation(record, catalog.unseal(record), region);
    }

    private static OutcropException dropped(ResolvedLocation planned) {
        return new OutcropException(OutcropErrorCode.LOCATION_NOT_FOUND, "location '" + planned.record().locationName()
                + "' was dropped or renamed while the statement ran; the calls that started after that were not made."
                + " Run the statement again with a location that exists");
    }

    /** Forgets the location: the next call reads it again. Called by this process's DDL before it returns. */
    public void invalidate(String accountName, String locationName) {
        entries.remove(new Key(accountName, locationName));
    }
}
