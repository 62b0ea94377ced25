package dev.outcrop.catalog.spi.memory;

import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogErrors;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A catalog held in this JVM's memory, for tests, demos and single-process use. Nothing survives a
 * restart and nothing is shared with another process.
 *
 * <p>One read-write lock guards all state: each method runs entirely under it, which makes every
 * operation atomic and every read consistent. Catalog writes are rare, so one lock costs nothing that
 * matters, and it keeps the implementation obviously right. Never blocks on anything but that lock.
 */
public final class InMemoryCatalogStore implements CatalogStore {

    private static final Comparator<GrantRecord> GRANT_ORDER = Comparator.comparing(GrantRecord::grantee)
            .thenComparing(GrantRecord::objectType)
            .thenComparing(GrantRecord::objectName)
            .thenComparing(GrantRecord::privilege);
    private static final Comparator<RoleMembership> MEMBERSHIP_ORDER = Comparator.comparing(RoleMembership::roleName)
            .thenComparing(RoleMembership::memberName);

    private record NameInAccount(String accountName, String name) {}

    private record UsageKey(String accountName, LocalDate day) {}

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, AccountRecord> accounts = new HashMap<>();
    private final Map<NameInAccount, LocationRecord> locations = new HashMap<>();
    private final Set<String> locationIds = new HashSet<>();
    private final Map<NameInAccount, PrincipalRecord> principals = new HashMap<>();
    private final Set<RoleMembership> memberships = new HashSet<>();
    private final Set<GrantRecord> grants = new HashSet<>();
    private final Map<UsageKey, Long> usage = new HashMap<>();
    private final Map<NameInAccount, ServiceAccountRecord> serviceAccounts = new HashMap<>();
    private final Map<String, NameInAccount> serviceAccountIds = new HashMap<>();
    private final Map<String, SealingKeyRecord> sealingKeys = new HashMap<>();
    private long changeSequence;

    public InMemoryCatalogStore() {}

    // ---- accounts --------------------------------------------------------------------------

    @Override
    public Optional<AccountRecord> findAccount(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return read(() -> Optional.ofNullable(accounts.get(accountName)));
    }

    @Override
    public List<AccountRecord> listAccounts() {
        return read(() -> sorted(accounts.values(), Comparator.comparing(AccountRecord::accountName)));
    }

    @Override
    public AccountRecord createAccount(AccountRecord account) {
        requireNonNull(account, "account is null");
        return write(() -> {
            if (accounts.containsKey(account.accountName())) {
                throw CatalogErrors.accountExists(account.accountName());
            }
            AccountRecord stored = account.withVersion(1);
            accounts.put(stored.accountName(), stored);
            return stored;
        });
    }

    @Override
    public void deleteAccount(String accountName) {
        requireNonNull(accountName, "accountName is null");
        write(() -> {
            if (accounts.remove(accountName) == null) {
                throw CatalogErrors.accountNotFound(accountName);
            }
            locations.entrySet().removeIf(entry -> {
                boolean gone = entry.getKey().accountName().equals(accountName);
                if (gone) {
                    locationIds.remove(entry.getValue().id());
                }
                return gone;
            });
            principals.keySet().removeIf(key -> key.accountName().equals(accountName));
            memberships.removeIf(membership -> membership.accountName().equals(accountName));
            grants.removeIf(grant -> grant.accountName().equals(accountName));
            usage.keySet().removeIf(key -> key.accountName().equals(accountName));
            serviceAccounts.entrySet().removeIf(entry -> {
                boolean gone = entry.getKey().accountName().equals(accountName);
                if (gone) {
                    serviceAccountIds.remove(entry.getValue().id());
                }
                return gone;
            });
            return null;
        });
    }

    @Override
    public AccountRecord updateAccount(AccountRecord account) {
        requireNonNull(account, "account is null");
        return write(() -> {
            AccountRecord current = accounts.get(account.accountName());
            if (current == null) {
                throw CatalogErrors.accountNotFound(account.accountName());
            }
            if (current.version() != account.version()) {
                throw CatalogErrors.accountChanged(account.accountName(), account.version(), current.version());
            }
            AccountRecord stored = account.withVersion(current.version() + 1);
            accounts.put(stored.accountName(), stored);
            return stored;
        });
    }

    // ---- locations -------------------------------------------------------------------------

    @Override
    public Optional<LocationRecord> findLocation(String accountName, String locationName) {
        NameInAccount key = new NameInAccount(requireNonNull(accountName, "accountName is null"),
                requireNonNull(locationName, "locationName is null"));
        return read(() -> Optional.ofNullable(locations.get(key)));
    }

    @Override
    public List<LocationRecord> listLocations(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return read(() -> sorted(
                locations.values().stream().filter(location -> location.accountName().equals(accountName)).toList(),
                Comparator.comparing(LocationRecord::locationName)));
    }

    @Override
    public LocationRecord createLocation(LocationRecord location) {
        requireNonNull(location, "location is null");
        return write(() -> {
            NameInAccount key = new NameInAccount(location.accountName(), location.locationName());
            if (locations.containsKey(key)) {
                throw CatalogErrors.locationExists(location.accountName(), location.locationName());
            }
            if (locationIds.contains(location.id())) {
                throw CatalogErrors.locationIdExists(location.id());
            }
            LocationRecord stored = location.withVersion(1);
            locations.put(key, stored);
            locationIds.add(stored.id());
            return stored;
        });
    }

    @Override
    public LocationRecord updateLocation(LocationRecord location) {
        requireNonNull(location, "location is null");
        return write(() -> {
            LocationRecord current = currentLocation(location.accountName(), location.locationName(), location.id(), location.version());
            LocationRecord stored = location.withVersion(current.version() + 1);
            locations.put(new NameInAccount(stored.accountName(), stored.locationName()), stored);
            return stored;
        });
    }

    @Override
    public LocationRecord renameLocation(String accountName, String locationName, String newName, long expectedVersion) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(locationName, "locationName is null");
        requireNonNull(newName, "newName is null");
        return write(() -> rename(accountName, locationName, null, newName, expectedVersion));
    }

    @Override
    public LocationRecord renameLocation(LocationRecord current, String newName) {
        requireNonNull(current, "current is null");
        requireNonNull(newName, "newName is null");
        return write(() -> rename(current.accountName(), current.locationName(), current.id(), newName, current.version()));
    }

    private LocationRecord rename(String accountName, String locationName, String expectedId, String newName, long expectedVersion) {
        LocationRecord current = currentLocation(accountName, locationName, expectedId, expectedVersion);
        NameInAccount target = new NameInAccount(accountName, newName);
        if (locations.containsKey(target)) {
            throw CatalogErrors.locationExists(accountName, newName);
        }
        LocationRecord stored = current.withName(newName).withVersion(current.version() + 1);
        locations.remove(new NameInAccount(accountName, locationName));
        locations.put(target, stored);
        moveLocationGrants(accountName, locationName, newName);
        return stored;
    }

    @Override
    public void deleteLocation(String accountName, String locationName, long expectedVersion) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(locationName, "locationName is null");
        write(() -> delete(accountName, locationName, null, expectedVersion));
    }

    @Override
    public void deleteLocation(LocationRecord current) {
        requireNonNull(current, "current is null");
        write(() -> delete(current.accountName(), current.locationName(), current.id(), current.version()));
    }

    private Void delete(String accountName, String locationName, String expectedId, long expectedVersion) {
        LocationRecord current = currentLocation(accountName, locationName, expectedId, expectedVersion);
        locations.remove(new NameInAccount(accountName, locationName));
        locationIds.remove(current.id());
        grants.removeIf(grant -> isGrantOnLocation(grant, accountName, locationName));
        return null;
    }

    /**
     * The stored location, after the checks every location write shares; call under the write lock.
     * {@code expectedId} null means "any id".
     */
    private LocationRecord currentLocation(String accountName, String locationName, String expectedId, long expectedVersion) {
        LocationRecord current = locations.get(new NameInAccount(accountName, locationName));
        if (current == null) {
            throw CatalogErrors.locationNotFound(accountName, locationName);
        }
        if (current.version() != expectedVersion) {
            throw CatalogErrors.locationChanged(accountName, locationName, expectedVersion, current.version());
        }
        if (expectedId != null && !current.id().equals(expectedId)) {
            throw CatalogErrors.locationReplaced(accountName, locationName, expectedId);
        }
        return current;
    }

    private void moveLocationGrants(String accountName, String oldName, String newName) {
        // Grants left behind on newName by a location dropped earlier must not be inherited by this one.
        grants.removeIf(grant -> isGrantOnLocation(grant, accountName, newName));
        List<GrantRecord> moved = new ArrayList<>();
        grants.removeIf(grant -> {
            if (isGrantOnLocation(grant, accountName, oldName)) {
                moved.add(new GrantRecord(accountName, grant.privilege(), grant.objectType(), newName, grant.grantee()));
                return true;
            }
            return false;
        });
        grants.addAll(moved);
    }

    private static boolean isGrantOnLocation(GrantRecord grant, String accountName, String locationName) {
        return grant.accountName().equals(accountName)
                && grant.objectType().equals("LOCATION")
                && grant.objectName().equals(locationName);
    }

    // ---- principals, role memberships and grants --------------------------------------------

    @Override
    public Optional<PrincipalRecord> findPrincipal(String accountName, String principalName) {
        NameInAccount key = new NameInAccount(requireNonNull(accountName, "accountName is null"),
                requireNonNull(principalName, "principalName is null"));
        return read(() -> Optional.ofNullable(principals.get(key)));
    }

    @Override
    public List<PrincipalRecord> listPrincipals(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return read(() -> sorted(
                principals.values().stream().filter(principal -> principal.accountName().equals(accountName)).toList(),
                Comparator.comparing(PrincipalRecord::name)));
    }

    @Override
    public PrincipalRecord createPrincipal(PrincipalRecord principal) {
        requireNonNull(principal, "principal is null");
        return write(() -> {
            NameInAccount key = new NameInAccount(principal.accountName(), principal.name());
            if (principals.containsKey(key)) {
                throw CatalogErrors.principalExists(principal.accountName(), principal.name());
            }
            principals.put(key, principal);
            return principal;
        });
    }

    @Override
    public void deletePrincipal(String accountName, String principalName) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(principalName, "principalName is null");
        write(() -> {
            if (principals.remove(new NameInAccount(accountName, principalName)) == null) {
                throw CatalogErrors.principalNotFound(accountName, principalName);
            }
            grants.removeIf(grant -> grant.accountName().equals(accountName) && grant.grantee().equals(principalName));
            memberships.removeIf(membership -> membership.accountName().equals(accountName)
                    && (membership.roleName().equals(principalName) || membership.memberName().equals(principalName)));
            return null;
        });
    }

    @Override
    public void addRoleMembership(RoleMembership membership) {
        requireNonNull(membership, "membership is null");
        writeIfChanged(() -> memberships.add(membership));
    }

    @Override
    public void removeRoleMembership(RoleMembership membership) {
        requireNonNull(membership, "membership is null");
        writeIfChanged(() -> memberships.remove(membership));
    }

    @Override
    public List<RoleMembership> listRoleMemberships(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return read(() -> sorted(
                memberships.stream().filter(membership -> membership.accountName().equals(accountName)).toList(),
                MEMBERSHIP_ORDER));
    }

    @Override
    public void addGrant(GrantRecord grant) {
        requireNonNull(grant, "grant is null");
        writeIfChanged(() -> grants.add(grant));
    }

    @Override
    public void removeGrant(GrantRecord grant) {
        requireNonNull(grant, "grant is null");
        writeIfChanged(() -> grants.remove(grant));
    }

    @Override
    public List<GrantRecord> listGrants(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return read(() -> sorted(grants.stream().filter(grant -> grant.accountName().equals(accountName)).toList(), GRANT_ORDER));
    }

    // ---- token usage -----------------------------------------------------------------------

    @Override
    public long usage(String accountName, LocalDate day) {
        UsageKey key = new UsageKey(requireNonNull(accountName, "accountName is null"), requireNonNull(day, "day is null"));
        return read(() -> usage.getOrDefault(key, 0L));
    }

    @Override
    public long addUsage(String accountName, LocalDate day, long tokens) {
        UsageKey key = new UsageKey(requireNonNull(accountName, "accountName is null"), requireNonNull(day, "day is null"));
        return locked(lock.writeLock(), () -> usage.merge(key, tokens, Long::sum));
    }

    @Override
    public OptionalLong addUsageWithinLimit(String accountName, LocalDate day, long tokens, long limit) {
        UsageKey key = new UsageKey(requireNonNull(accountName, "accountName is null"), requireNonNull(day, "day is null"));
        return locked(lock.writeLock(), () -> {
            long total = usage.getOrDefault(key, 0L) + tokens;
            if (total > limit) {
                return OptionalLong.empty();
            }
            usage.put(key, total);
            return OptionalLong.of(total);
        });
    }

    // ---- service accounts ------------------------------------------------------------------

    @Override
    public Optional<ServiceAccountRecord> findServiceAccount(String accountName, String name) {
        NameInAccount key = new NameInAccount(requireNonNull(accountName, "accountName is null"), requireNonNull(name, "name is null"));
        return read(() -> Optional.ofNullable(serviceAccounts.get(key)));
    }

    @Override
    public Optional<ServiceAccountRecord> findServiceAccountById(String id) {
        requireNonNull(id, "id is null");
        return read(() -> Optional.ofNullable(serviceAccountIds.get(id)).map(serviceAccounts::get));
    }

    @Override
    public List<ServiceAccountRecord> listServiceAccounts(String accountName) {
        requireNonNull(accountName, "accountName is null");
        return read(() -> sorted(
                serviceAccounts.values().stream().filter(serviceAccount -> serviceAccount.accountName().equals(accountName)).toList(),
                Comparator.comparing(ServiceAccountRecord::name)));
    }

    @Override
    public ServiceAccountRecord createServiceAccount(ServiceAccountRecord serviceAccount) {
        requireNonNull(serviceAccount, "serviceAccount is null");
        return write(() -> {
            NameInAccount key = new NameInAccount(serviceAccount.accountName(), serviceAccount.name());
            if (serviceAccounts.containsKey(key)) {
                throw CatalogErrors.serviceAccountExists(serviceAccount.accountName(), serviceAccount.name());
            }
            if (serviceAccountIds.containsKey(serviceAccount.id())) {
                throw CatalogErrors.serviceAccountIdExists(serviceAccount.id());
            }
            ServiceAccountRecord stored = serviceAccount.withVersion(1);
            serviceAccounts.put(key, stored);
            serviceAccountIds.put(stored.id(), key);
            return stored;
        });
    }

    @Override
    public ServiceAccountRecord updateServiceAccount(ServiceAccountRecord serviceAccount) {
        requireNonNull(serviceAccount, "serviceAccount is null");
        return write(() -> {
            NameInAccount key = new NameInAccount(serviceAccount.accountName(), serviceAccount.name());
            ServiceAccountRecord current = serviceAccounts.get(key);
            if (current == null) {
                throw CatalogErrors.serviceAccountNotFound(serviceAccount.accountName(), serviceAccount.name());
            }
            if (current.version() != serviceAccount.version() || !current.id().equals(serviceAccount.id())) {
                throw CatalogErrors.serviceAccountChanged(serviceAccount.accountName(), serviceAccount.name(),
                        serviceAccount.version(), current.version());
            }
            ServiceAccountRecord stored = serviceAccount.withVersion(current.version() + 1);
            serviceAccounts.put(key, stored);
            return stored;
        });
    }

    @Override
    public void deleteServiceAccount(String accountName, String name) {
        NameInAccount key = new NameInAccount(requireNonNull(accountName, "accountName is null"), requireNonNull(name, "name is null"));
        write(() -> {
            ServiceAccountRecord removed = serviceAccounts.remove(key);
            if (removed == null) {
                throw CatalogErrors.serviceAccountNotFound(accountName, name);
            }
            serviceAccountIds.remove(removed.id());
            return null;
        });
    }

    // ---- sealing keys ----------------------------------------------------------------------

    @Override
    public List<SealingKeyRecord> listSealingKeys() {
        return read(() -> sorted(sealingKeys.values(), Comparator.comparing(SealingKeyRecord::keyId)));
    }

    @Override
    public SealingKeyRecord registerSealingKey(SealingKeyRecord key) {
        requireNonNull(key, "key is null");
        return locked(lock.writeLock(), () -> sealingKeys.computeIfAbsent(key.keyId(), id -> key));
    }

    @Override
    public boolean deleteSealingKey(String keyId) {
        requireNonNull(keyId, "keyId is null");
        return locked(lock.writeLock(), () -> sealingKeys.remove(keyId) != null);
    }

    // ---- snapshot and restore --------------------------------------------------------------

    /** Everything this store holds, at one instant: see {@link CatalogSnapshot}. */
    public CatalogSnapshot snapshot() {
        return read(() -> new CatalogSnapshot(changeSequence,
                sorted(accounts.values(), Comparator.comparing(AccountRecord::accountName)),
                sorted(locations.values(), Comparator.comparing(LocationRecord::accountName).thenComparing(LocationRecord::locationName)),
                sorted(principals.values(), Comparator.comparing(PrincipalRecord::accountName).thenComparing(PrincipalRecord::name)),
                sorted(memberships, Comparator.comparing(RoleMembership::accountName).thenComparing(MEMBERSHIP_ORDER)),
                sorted(grants, Comparator.comparing(GrantRecord::accountName).thenComparing(GRANT_ORDER)),
                usage.entrySet().stream()
                        .map(entry -> new CatalogSnapshot.Usage(entry.getKey().accountName(), entry.getKey().day(), entry.getValue()))
                        .sorted(Comparator.comparing(CatalogSnapshot.Usage::accountName).thenComparing(CatalogSnapshot.Usage::day))
                        .toList(),
                sorted(sealingKeys.values(), Comparator.comparing(SealingKeyRecord::keyId)),
                sorted(serviceAccounts.values(), Comparator.comparing(ServiceAccountRecord::accountName).thenComparing(ServiceAccountRecord::name))));
    }

    /** A store holding what {@code snapshot} holds, versions and change sequence as they were. */
    public static InMemoryCatalogStore restore(CatalogSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot is null");
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        // Under the lock, so that a thread the store is handed to without one sees the maps filled.
        locked(store.lock.writeLock(), () -> store.fill(snapshot));
        return store;
    }

    private Void fill(CatalogSnapshot snapshot) {
        snapshot.accounts().forEach(account -> accounts.put(account.accountName(), account));
        snapshot.locations().forEach(location -> {
            locations.put(new NameInAccount(location.accountName(), location.locationName()), location);
            locationIds.add(location.id());
        });
        snapshot.principals().forEach(principal -> principals.put(new NameInAccount(principal.accountName(), principal.name()), principal));
        memberships.addAll(snapshot.roleMemberships());
        grants.addAll(snapshot.grants());
        snapshot.usage().forEach(entry -> usage.put(new UsageKey(entry.accountName(), entry.day()), entry.tokens()));
        snapshot.sealingKeys().forEach(key -> sealingKeys.put(key.keyId(), key));
        snapshot.serviceAccounts().forEach(serviceAccount -> {
            NameInAccount key = new NameInAccount(serviceAccount.accountName(), serviceAccount.name());
            serviceAccounts.put(key, serviceAccount);
            serviceAccountIds.put(serviceAccount.id(), key);
        });
        changeSequence = snapshot.changeSequence();
        return null;
    }

    // ---- change detection ------------------------------------------------------------------

    @Override
    public OptionalLong changeSequence() {
        return read(() -> OptionalLong.of(changeSequence));
    }

    @Override
    public void close() {
        // Nothing to release: the maps go when the store is no longer referenced.
    }

    // ---- locking ---------------------------------------------------------------------------

    private <T> T read(Supplier<T> action) {
        return locked(lock.readLock(), action);
    }

    /** Runs a catalog write; a write that throws changed nothing, so the sequence moves only on success. */
    private <T> T write(Supplier<T> action) {
        return locked(lock.writeLock(), () -> {
            T result = action.get();
            changeSequence++;
            return result;
        });
    }

    /** Runs an idempotent catalog write that reports whether it changed anything. */
    private void writeIfChanged(Supplier<Boolean> action) {
        locked(lock.writeLock(), () -> {
            if (action.get()) {
                changeSequence++;
            }
            return null;
        });
    }

    private static <T> T locked(Lock held, Supplier<T> action) {
        held.lock();
        try {
            return action.get();
        }
        finally {
            held.unlock();
        }
    }

    private static <T> List<T> sorted(java.util.Collection<T> values, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(values);
        copy.sort(order);
        return List.copyOf(copy);
    }
}
