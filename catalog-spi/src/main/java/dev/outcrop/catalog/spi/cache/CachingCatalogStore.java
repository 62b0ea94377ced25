package dev.outcrop.catalog.spi.cache;

import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A read cache in front of a store, for the lookups made on every AI call: {@code findLocation},
 * {@code findAccount}, {@code findPrincipal}, {@code listGrants} and {@code listRoleMemberships} (absent
 * results are cached too). Everything else passes through.
 *
 * <p><b>Freshness.</b> Writes made through this cache empty it at once, successful or not (a failed
 * compare-and-set means what we hold is old, and a caller retrying it must read afresh). Writes made by
 * other servers are noticed by polling the store's {@link CatalogStore#changeSequence()}: when a lookup
 * finds the last poll older than {@code maxStaleness}, it polls (one caller at a time; the others keep
 * using the cache meanwhile), and if the number moved the cache is emptied. A change committed by another
 * server is therefore seen by lookups that start more than {@code maxStaleness} plus one poll round trip
 * after its commit. A store without a change sequence has its cache emptied at every poll, which makes
 * {@code maxStaleness} a plain time-to-live.
 *
 * <p><b>Outages.</b> If the poll fails, the lookup that made it fails with the store's exception
 * (UNAVAILABLE for the bundled stores), and the next lookup polls again: the cache never serves entries
 * older than its bound because the store went quiet.
 *
 * <p>Entries carry the generation in which their load began; emptying the cache starts a new generation,
 * so a load that raced with a change can never put an old value back. Thread-safe. Closing the cache
 * closes the store it wraps.
 */
public final class CachingCatalogStore implements CatalogStore {

    /** Above this many entries the cache is emptied rather than grown: lookups of names that do not exist are cached too. */
    static final int MAX_ENTRIES = 50_000;

    private record AccountKey(String accountName) {}

    private record LocationKey(String accountName, String locationName) {}

    private record PrincipalKey(String accountName, String principalName) {}

    private record GrantsKey(String accountName) {}

    private record MembershipsKey(String accountName) {}

    private record Entry(Object value, long generation) {}

    private final CatalogStore delegate;
    private final long maxStalenessNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Object, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile long nextPollAt;
    private volatile boolean pollDue = true;
    private long lastSequence = Long.MIN_VALUE;

    /**
     * @param delegate the store to cache; closed when this cache is closed
     * @param maxStaleness how old the cache's view of other servers' changes may get; must be positive
     */
    public CachingCatalogStore(CatalogStore delegate, Duration maxStaleness) {
        this(delegate, maxStaleness, System::nanoTime);
    }

    /** For tests that drive time. */
    CachingCatalogStore(CatalogStore delegate, Duration maxStaleness, LongSupplier nanoTime) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        requireNonNull(maxStaleness, "maxStaleness is null");
        if (maxStaleness.isNegative() || maxStaleness.isZero()) {
            throw new IllegalArgumentException("maxStaleness must be positive, but was " + maxStaleness
                    + "; to read without a cache, use the store itself");
        }
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** The store this cache reads through. */
    public CatalogStore delegate() {
        return delegate;
    }

    /** Forgets every cached lookup. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    // ---- cached lookups --------------------------------------------------------------------

    @Override
    public Optional<AccountRecord> findAccount(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return cached(new AccountKey(accountName), () -> delegate.findAccount(accountName));
    }

    @Override
    public Optional<LocationRecord> findLocation(String accountName, String locationName) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(locationName, "locationName is null");
        return cached(new LocationKey(accountName, locationName), () -> delegate.findLocation(accountName, locationName));
    }

    @Override
    public Optional<PrincipalRecord> findPrincipal(String accountName, String principalName) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(principalName, "principalName is null");
        return cached(new PrincipalKey(accountName, principalName), () -> delegate.findPrincipal(accountName, principalName));
    }

    @Override
    public List<GrantRecord> listGrants(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return cached(new GrantsKey(accountName), () -> delegate.listGrants(accountName));
    }

    @Override
    public List<RoleMembership> listRoleMemberships(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return cached(new MembershipsKey(accountName), () -> delegate.listRoleMemberships(accountName));
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Object key, Supplier<T> loader) {
        pollIfDue();
        long current = generation.get();
        Entry entry = entries.get(key);
        if (entry != null && entry.generation() == current) {
            return (T) entry.value();
        }
        T loaded = loader.get();
        if (entries.size() >= MAX_ENTRIES) {
            invalidateAll();
        }
        else {
            // Tagged with the generation read before loading: if the cache was emptied meanwhile, the
            // entry is already outdated and is never served.
            entries.put(key, new Entry(loaded, current));
        }
        return loaded;
    }

    private void pollIfDue() {
        if (!pollDue && nanoTime.getAsLong() - nextPollAt < 0) {
            return;
        }
        if (!polling.compareAndSet(false, true)) {
            return; // another caller is polling; the cache is at most one round trip older than the bound meanwhile
        }
        try {
            long startedAt = nanoTime.getAsLong();
            if (!pollDue && startedAt - nextPollAt < 0) {
                return;
            }
            OptionalLong sequence;
            try {
                sequence = delegate.changeSequence();
            }
            catch (RuntimeException e) {
                pollDue = true;
                throw e;
            }
            if (sequence.isEmpty() || sequence.getAsLong() != lastSequence) {
                invalidateAll();
                lastSequence = sequence.orElse(Long.MIN_VALUE);
            }
            // Counted from when the poll started: everything committed before then is in view.
            nextPollAt = startedAt + maxStalenessNanos;
            pollDue = false;
        }
        finally {
            polling.set(false);
        }
    }

    // ---- uncached reads --------------------------------------------------------------------

    @Override
    public List<AccountRecord> listAccounts() {
        return delegate.listAccounts();
    }

    @Override
    public List<LocationRecord> listLocations(String accountName) {
        return delegate.listLocations(accountName);
    }

    @Override
    public List<PrincipalRecord> listPrincipals(String accountName) {
        return delegate.listPrincipals(accountName);
    }

    @Override
    public OptionalLong changeSequence() {
        return delegate.changeSequence();
    }

    // ---- writes: through, then forget ------------------------------------------------------

    @Override
    public AccountRecord createAccount(AccountRecord account) {
        return write(() -> delegate.createAccount(account));
    }

    @Override
    public void deleteAccount(String accountName) {
        write(() -> {
            delegate.deleteAccount(accountName);
            return null;
        });
    }

    @Override
    public AccountRecord updateAccount(AccountRecord account) {
        return write(() -> delegate.updateAccount(account));
    }

    @Override
    public LocationRecord createLocation(LocationRecord location) {
        return write(() -> delegate.createLocation(location));
    }

    @Override
    public LocationRecord updateLocation(LocationRecord location) {
        return write(() -> delegate.updateLocation(location));
    }

    @Override
    public LocationRecord renameLocation(String accountName, String locationName, String newName, long expectedVersion) {
        return write(() -> delegate.renameLocation(accountName, locationName, newName, expectedVersion));
    }

    @Override
    public LocationRecord renameLocation(LocationRecord current, String newName) {
        return write(() -> delegate.renameLocation(current, newName));
    }

    @Override
    public void deleteLocation(String accountName, String locationName, long expectedVersion) {
        write(() -> {
            delegate.deleteLocation(accountName, locationName, expectedVersion);
            return null;
        });
    }

    @Override
    public void deleteLocation(LocationRecord current) {
        write(() -> {
            delegate.deleteLocation(current);
            return null;
        });
    }

    @Override
    public PrincipalRecord createPrincipal(PrincipalRecord principal) {
        return write(() -> delegate.createPrincipal(principal));
    }

    @Override
    public void deletePrincipal(String accountName, String principalName) {
        write(() -> {
            delegate.deletePrincipal(accountName, principalName);
            return null;
        });
    }

    @Override
    public void addRoleMembership(RoleMembership membership) {
        write(() -> {
            delegate.addRoleMembership(membership);
            return null;
        });
    }

    @Override
    public void removeRoleMembership(RoleMembership membership) {
        write(() -> {
            delegate.removeRoleMembership(membership);
            return null;
        });
    }

    @Override
    public void addGrant(GrantRecord grant) {
        write(() -> {
            delegate.addGrant(grant);
            return null;
        });
    }

    @Override
    public void removeGrant(GrantRecord grant) {
        write(() -> {
            delegate.removeGrant(grant);
            return null;
        });
    }

    // ---- service accounts: read through (authentication keeps its own short cache) --------------

    @Override
    public Optional<ServiceAccountRecord> findServiceAccount(String accountName, String name) {
        return delegate.findServiceAccount(accountName, name);
    }

    @Override
    public Optional<ServiceAccountRecord> findServiceAccountById(String id) {
        return delegate.findServiceAccountById(id);
    }

    @Override
    public List<ServiceAccountRecord> listServiceAccounts(String accountName) {
        return delegate.listServiceAccounts(accountName);
    }

    @Override
    public ServiceAccountRecord createServiceAccount(ServiceAccountRecord serviceAccount) {
        return write(() -> delegate.createServiceAccount(serviceAccount));
    }

    @Override
    public ServiceAccountRecord updateServiceAccount(ServiceAccountRecord serviceAccount) {
        return write(() -> delegate.updateServiceAccount(serviceAccount));
    }

    @Override
    public void deleteServiceAccount(String accountName, String name) {
        write(() -> {
            delegate.deleteServiceAccount(accountName, name);
            return null;
        });
    }

    private <T> T write(Supplier<T> action) {
        try {
            return action.get();
        }
        finally {
            invalidateAll();
        }
    }

    // ---- token usage: never cached ---------------------------------------------------------

    @Override
    public long usage(String accountName, LocalDate day) {
        return delegate.usage(accountName, day);
    }

    @Override
    public long addUsage(String accountName, LocalDate day, long tokens) {
        return delegate.addUsage(accountName, day, tokens);
    }

    @Override
    public OptionalLong addUsageWithinLimit(String accountName, LocalDate day, long tokens, long limit) {
        return delegate.addUsageWithinLimit(accountName, day, tokens, limit);
    }

    // ---- sealing keys: read at start and on re-seal only, never cached -------------------------

    @Override
    public List<SealingKeyRecord> listSealingKeys() {
        return delegate.listSealingKeys();
    }

    @Override
    public SealingKeyRecord registerSealingKey(SealingKeyRecord key) {
        return delegate.registerSealingKey(key);
    }

    @Override
    public boolean deleteSealingKey(String keyId) {
        return delegate.deleteSealingKey(keyId);
    }

    @Override
    public void close() {
        invalidateAll();
        delegate.close();
    }

    @Override
    public String toString() {
        return "CachingCatalogStore[maxStaleness=" + Duration.ofNanos(maxStalenessNanos) + ", delegate=" + delegate + "]";
    }
}
