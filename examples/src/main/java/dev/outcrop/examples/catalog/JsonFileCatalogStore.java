package dev.outcrop.examples.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogErrors;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A catalog kept in one JSON file: an example of a {@link CatalogStore} of your own. It passes
 * {@code CatalogStoreContractTest} from {@code outcrop-catalog-testkit}, which is how you know a store is right.
 *
 * <p>The whole catalog lives in memory under one read-write lock (as in {@code InMemoryCatalogStore}), and
 * every successful write rewrites the file before the lock is released: to a temporary file next to it,
 * forced to disk, then moved over the old one in one atomic step, so a crash leaves the old catalog or the
 * new one, never half of each. If the file cannot be written, the change is undone in memory too and the
 * write fails as {@code UNAVAILABLE}. Rewriting the whole file on every write, token usage included, is
 * fine for a small catalog and a few writes a second; a busy deployment wants the JDBC catalog.
 *
 * <p>One process per file: {@link #open} takes an OS lock on {@code <file>.lock} and fails if another
 * store holds it. Several servers sharing a catalog need a database ({@code outcrop-catalog-jdbc}).
 */
public final class JsonFileCatalogStore implements CatalogStore {

    /** The file's layout: the catalog as lists, sorted, so that the file diffs well. */
    record Snapshot(int format, long changeSequence, List<AccountRecord> accounts, List<LocationRecord> locations,
                    List<PrincipalRecord> principals, List<RoleMembership> roleMemberships, List<GrantRecord> grants,
                    List<Usage> usage, List<SealingKeyRecord> sealingKeys) {

        static final int FORMAT = 1;

        static Snapshot empty() {
            return new Snapshot(FORMAT, 0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
    }

    /** Tokens charged to an account on a UTC day. */
    record Usage(String accountName, LocalDate day, long tokens) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)     // Instants as ISO-8601 text, nanoseconds kept
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final Comparator<GrantRecord> GRANT_ORDER = Comparator.comparing(GrantRecord::grantee)
            .thenComparing(GrantRecord::objectType)
            .thenComparing(GrantRecord::objectName)
            .thenComparing(GrantRecord::privilege);
    private static final Comparator<RoleMembership> MEMBERSHIP_ORDER = Comparator.comparing(RoleMembership::roleName)
            .thenComparing(RoleMembership::memberName);

    private record NameInAccount(String accountName, String name) {}

    private record UsageKey(String accountName, LocalDate day) {}

    private final Path file;
    private final Path temporary;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    // The catalog; guarded by lock.
    private final Map<String, AccountRecord> accounts = new HashMap<>();
    private final Map<NameInAccount, LocationRecord> locations = new HashMap<>();
    private final Set<String> locationIds = new HashSet<>();
    private final Map<NameInAccount, PrincipalRecord> principals = new HashMap<>();
    private final Set<RoleMembership> memberships = new HashSet<>();
    private final Set<GrantRecord> grants = new HashSet<>();
    private final Map<UsageKey, Long> usage = new HashMap<>();
    private final Map<String, SealingKeyRecord> sealingKeys = new HashMap<>();
    private long changeSequence;
    /** What the file holds now: restored into memory when a write cannot be saved. */
    private Snapshot saved;
    private boolean closed;

    private JsonFileCatalogStore(Path file, FileChannel lockChannel, FileLock fileLock, Snapshot snapshot) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        load(snapshot);
        this.saved = snapshot;
    }

    /**
     * Opens the catalog in {@code file}, creating the directory (and, on the first write, the file) if
     * they do not exist.
     *
     * @throws CatalogException {@code UNAVAILABLE} if the file cannot be read or another store has it open
     * @throws IllegalArgumentException if the file is not such a catalog
     */
    public static JsonFileCatalogStore open(Path file) {
        requireNonNull(file, "file is null");
        Path absolute = file.toAbsolutePath().normalize();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(absolute.getParent());
            lockChannel = FileChannel.open(absolute.resolveSibling(absolute.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
                fileLock = lockChannel.tryLock();
            }
            catch (OverlappingFileLockException e) {
                fileLock = null;
            }
            if (fileLock == null) {
                throw new CatalogException(CatalogException.Reason.UNAVAILABLE, "The catalog file " + absolute
                        + " is open in another store (it holds " + absolute.getFileName() + ".lock); close that one first");
            }
            Snapshot snapshot = Files.exists(absolute) ? read(absolute) : Snapshot.empty();
            return new JsonFileCatalogStore(absolute, lockChannel, fileLock, snapshot);
        }
        catch (IOException e) {
            closeQuietly(lockChannel);
            throw CatalogErrors.unavailable("The catalog file " + absolute + " cannot be opened (" + e.getMessage() + ")", e);
        }
        catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** The file this store keeps the catalog in. */
    public Path file() {
        return file;
    }

    private static Snapshot read(Path file) throws IOException {
        Snapshot snapshot;
        try {
            snapshot = JSON.readValue(file.toFile(), Snapshot.class);
        }
        catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("The file " + file + " is not a JSON catalog: " + e.getOriginalMessage(), e);
        }
        if (snapshot == null || snapshot.format() != Snapshot.FORMAT) {
            throw new IllegalArgumentException("The file " + file + " is not a JSON catalog of format " + Snapshot.FORMAT);
        }
        return snapshot;
    }

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

    @Override
    public void deleteAccount(String accountName) {
        requireNonNull(accountName, "accountName is null");
        write(() -> {
            if (accounts.remove(accountName) == null) {
                throw CatalogErrors.accountNotFound(accountName);
            }
            // Everything under the account goes in the same write, so the file never holds an account's orphans.
            locations.entrySet().removeIf(entry -> {
                boolean owned = entry.getKey().accountName().equals(accountName);
                if (owned) {
                    locationIds.remove(entry.getValue().id());
                }
                return owned;
            });
            principals.keySet().removeIf(key -> key.accountName().equals(accountName));
            memberships.removeIf(membership -> membership.accountName().equals(accountName));
            grants.removeIf(grant -> grant.accountName().equals(accountName));
            usage.keySet().removeIf(key -> key.accountName().equals(accountName));
            return null;
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
        return read(() -> sorted(locations.values().stream().filter(location -> location.accountName().equals(accountName)).toList(),
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
        // Grants left on newName by a location dropped earlier are not inherited; the location's own follow it.
        grants.removeIf(grant -> isGrantOnLocation(grant, accountName, newName));
        List<GrantRecord> moved = new ArrayList<>();
        grants.removeIf(grant -> {
            if (isGrantOnLocation(grant, accountName, locationName)) {
                moved.add(new GrantRecord(accountName, grant.privilege(), grant.objectType(), newName, grant.grantee()));
                return true;
            }
            return false;
        });
        grants.addAll(moved);
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

    /** The stored location after the checks every location write shares, in the contract's order; {@code expectedId} null means any. */
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

    private static boolean isGrantOnLocation(GrantRecord grant, String accountName, String locationName) {
        return grant.accountName().equals(accountName) && grant.objectType().equals("LOCATION") && grant.objectName().equals(locationName);
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
        return read(() -> sorted(principals.values().stream().filter(principal -> principal.accountName().equals(accountName)).toList(),
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
        return read(() -> sorted(memberships.stream().filter(membership -> membership.accountName().equals(accountName)).toList(),
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

    // ---- token usage: saved like everything else, but never moves the change sequence --------

    @Override
    public long usage(String accountName, LocalDate day) {
        UsageKey key = new UsageKey(requireNonNull(accountName, "accountName is null"), requireNonNull(day, "day is null"));
        return read(() -> usage.getOrDefault(key, 0L));
    }

    @Override
    public long addUsage(String accountName, LocalDate day, long tokens) {
        UsageKey key = new UsageKey(requireNonNull(accountName, "accountName is null"), requireNonNull(day, "day is null"));
        return save(false, () -> usage.merge(key, tokens, Long::sum));
    }

    @Override
    public OptionalLong addUsageWithinLimit(String accountName, LocalDate day, long tokens, long limit) {
        UsageKey key = new UsageKey(requireNonNull(accountName, "accountName is null"), requireNonNull(day, "day is null"));
        return save(false, () -> {
            long total = usage.getOrDefault(key, 0L) + tokens;
            if (total > limit) {
                return OptionalLong.empty();
            }
            usage.put(key, total);
            return OptionalLong.of(total);
        });
    }

    // ---- change detection and life cycle ---------------------------------------------------

    // ---- sealing keys: saved like everything else, but never moves the change sequence -------

    @Override
    public List<SealingKeyRecord> listSealingKeys() {
        return read(() -> sorted(sealingKeys.values(), Comparator.comparing(SealingKeyRecord::keyId)));
    }

    @Override
    public SealingKeyRecord registerSealingKey(SealingKeyRecord key) {
        requireNonNull(key, "key is null");
        return save(false, () -> sealingKeys.computeIfAbsent(key.keyId(), id -> key));
    }

    @Override
    public boolean deleteSealingKey(String keyId) {
        requireNonNull(keyId, "keyId is null");
        return save(false, () -> sealingKeys.remove(keyId) != null);
    }

    @Override
    public OptionalLong changeSequence() {
        return read(() -> OptionalLong.of(changeSequence));
    }

    /** Releases the file's lock. Every write was saved when it returned, so there is nothing to flush. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(fileLock);
                closeQuietly(lockChannel);
            }
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    // ---- locking and saving ----------------------------------------------------------------

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            requireOpen();
            return action.get();
        }
        finally {
            lock.readLock().unlock();
        }
    }

    /** A catalog write: a write that throws changed nothing, so the sequence moves, and the file is written, only on success. */
    private <T> T write(Supplier<T> action) {
        return save(true, action);
    }

    /** An idempotent catalog write that reports whether it changed anything; nothing is saved if it did not. */
    private void writeIfChanged(Supplier<Boolean> action) {
        lock.writeLock().lock();
        try {
            requireOpen();
            if (action.get()) {
                changeSequence++;
                persist();
            }
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T save(boolean catalogWrite, Supplier<T> action) {
        lock.writeLock().lock();
        try {
            requireOpen();
            T result = action.get();
            if (catalogWrite) {
                changeSequence++;
            }
            persist();
            return result;
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    /** Writes memory to the file atomically; on failure puts memory back as the file still has it. Call under the write lock. */
    private void persist() {
        Snapshot snapshot = snapshot();
        try {
            byte[] bytes = JSON.writeValueAsBytes(snapshot);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot replace " + file + " atomically", e);
            }
            saved = snapshot;
        }
        catch (IOException | RuntimeException e) {
            load(saved);
            throw CatalogErrors.unavailable("The catalog file " + file + " could not be written (" + e.getMessage() + "); nothing was changed", e);
        }
    }

    private Snapshot snapshot() {
        List<Usage> usageList = usage.entrySet().stream()
                .map(entry -> new Usage(entry.getKey().accountName(), entry.getKey().day(), entry.getValue()))
                .sorted(Comparator.comparing(Usage::accountName).thenComparing(Usage::day))
                .toList();
        return new Snapshot(Snapshot.FORMAT, changeSequence,
                sorted(accounts.values(), Comparator.comparing(AccountRecord::accountName)),
                sorted(locations.values(), Comparator.comparing(LocationRecord::accountName).thenComparing(LocationRecord::locationName)),
                sorted(principals.values(), Comparator.comparing(PrincipalRecord::accountName).thenComparing(PrincipalRecord::name)),
                sorted(memberships, Comparator.comparing(RoleMembership::accountName).thenComparing(MEMBERSHIP_ORDER)),
                sorted(grants, Comparator.comparing(GrantRecord::accountName).thenComparing(GRANT_ORDER)),
                usageList,
                sorted(sealingKeys.values(), Comparator.comparing(SealingKeyRecord::keyId)));
    }

    private void load(Snapshot snapshot) {
        accounts.clear();
        locations.clear();
        locationIds.clear();
        principals.clear();
        memberships.clear();
        grants.clear();
        usage.clear();
        sealingKeys.clear();
        if (snapshot.sealingKeys() != null) {
            // Files written before sealing keys were registered have no such list.
            snapshot.sealingKeys().forEach(key -> sealingKeys.put(key.keyId(), key));
        }
        snapshot.accounts().forEach(account -> accounts.put(account.accountName(), account));
        snapshot.locations().forEach(location -> {
            locations.put(new NameInAccount(location.accountName(), location.locationName()), location);
            locationIds.add(location.id());
        });
        snapshot.principals().forEach(principal -> principals.put(new NameInAccount(principal.accountName(), principal.name()), principal));
        memberships.addAll(snapshot.roleMemberships());
        grants.addAll(snapshot.grants());
        snapshot.usage().forEach(entry -> usage.put(new UsageKey(entry.accountName(), entry.day()), entry.tokens()));
        changeSequence = snapshot.changeSequence();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The catalog store for " + file + " is closed");
        }
    }

    private static <T> List<T> sorted(Collection<T> values, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(values);
        copy.sort(order);
        return List.copyOf(copy);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            }
            catch (Exception ignored) {
                // Nothing to do: the process gives the lock up when it ends anyway.
            }
        }
    }
}
