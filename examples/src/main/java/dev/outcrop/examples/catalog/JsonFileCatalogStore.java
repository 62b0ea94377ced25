package dev.outcrop.examples.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.outcrop.catalog.spi.memory.CatalogSnapshot;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A catalog kept in one JSON file: an example of a {@link CatalogStore} of your own. It passes
 * {@code CatalogStoreContractTest} from {@code outcrop-catalog-testkit}, which is how you know a store is right.
 *
 * <p>The pattern: do not write the catalog's rules again. The rules (names unique per account, versions checked and
 * moved on, grants following a renamed location, an account's records going with it, ...) are the reference store's,
 * {@link InMemoryCatalogStore}; this store hands every call to one and adds only what it is about, keeping the
 * contents somewhere else. At start it loads the file into the in-memory store ({@link InMemoryCatalogStore#restore});
 * after each write that succeeded it saves the in-memory store's {@link InMemoryCatalogStore#snapshot() snapshot} to
 * the file. A write the in-memory store refuses changed nothing, so nothing is saved. A store that keeps its contents
 * in a key-value service or a blob store has the same shape, with another {@link #save}.
 *
 * <p>Saving writes a temporary file next to the catalog, forces it to disk and moves it over the old one in one atomic
 * step, so a crash leaves the old catalog or the new one, never half of each. If the file cannot be written, the
 * in-memory store is put back as the file still has it and the write fails as {@code UNAVAILABLE}. One lock around
 * each call keeps readers from seeing a write before it is saved. Rewriting the whole file on every write, token usage
 * included, is fine for a small catalog and a few writes a second; a busy deployment wants the JDBC catalog.
 *
 * <p>One process per file: {@link #open} takes an OS lock on {@code <file>.lock} and fails if another store holds it.
 * Several servers sharing a catalog need a database ({@code outcrop-catalog-jdbc}). Service accounts are left at the
 * SPI's refusing defaults, so the file never holds a service account's key hash.
 */
public final class JsonFileCatalogStore implements CatalogStore {

    /** The file is the snapshot's fields and this {@code format} number, so that a later layout can be told apart. */
    private static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)     // Instants as ISO-8601 text, nanoseconds kept
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Path file;
    private final Path temporary;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** The catalog and its rules; guarded by lock, and replaced by the saved contents when a save fails. */
    private InMemoryCatalogStore memory;
    /** What the file holds now. */
    private CatalogSnapshot saved;
    private boolean closed;

    private JsonFileCatalogStore(Path file, FileChannel lockChannel, FileLock fileLock, CatalogSnapshot snapshot) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        this.memory = InMemoryCatalogStore.restore(snapshot);
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
            CatalogSnapshot snapshot = Files.exists(absolute) ? load(absolute) : CatalogSnapshot.empty();
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

    // ---- reads: the in-memory store answers -------------------------------------------------

    @Override
    public Optional<AccountRecord> findAccount(String accountName) {
        return read(() -> memory.findAccount(accountName));
    }

    @Override
    public List<AccountRecord> listAccounts() {
        return read(() -> memory.listAccounts());
    }

    @Override
    public Optional<LocationRecord> findLocation(String accountName, String locationName) {
        return read(() -> memory.findLocation(accountName, locationName));
    }

    @Override
    public List<LocationRecord> listLocations(String accountName) {
        return read(() -> memory.listLocations(accountName));
    }

    @Override
    public Optional<PrincipalRecord> findPrincipal(String accountName, String principalName) {
        return read(() -> memory.findPrincipal(accountName, principalName));
    }

    @Override
    public List<PrincipalRecord> listPrincipals(String accountName) {
        return read(() -> memory.listPrincipals(accountName));
    }

    @Override
    public List<RoleMembership> listRoleMemberships(String accountName) {
        return read(() -> memory.listRoleMemberships(accountName));
    }

    @Override
    public List<GrantRecord> listGrants(String accountName) {
        return read(() -> memory.listGrants(accountName));
    }

    @Override
    public long usage(String accountName, LocalDate day) {
        return read(() -> memory.usage(accountName, day));
    }

    @Override
    public List<SealingKeyRecord> listSealingKeys() {
        return read(() -> memory.listSealingKeys());
    }

    @Override
    public OptionalLong changeSequence() {
        return read(() -> memory.changeSequence());
    }

    // ---- writes: the in-memory store applies the rules, then the file is saved -----------------

    @Override
    public AccountRecord createAccount(AccountRecord account) {
        return write(() -> memory.createAccount(account));
    }

    @Override
    public AccountRecord updateAccount(AccountRecord account) {
        return write(() -> memory.updateAccount(account));
    }

    @Override
    public void deleteAccount(String accountName) {
        write(() -> memory.deleteAccount(accountName));
    }

    @Override
    public LocationRecord createLocation(LocationRecord location) {
        return write(() -> memory.createLocation(location));
    }

    @Override
    public LocationRecord updateLocation(LocationRecord location) {
        return write(() -> memory.updateLocation(location));
    }

    @Override
    public LocationRecord renameLocation(String accountName, String locationName, String newName, long expectedVersion) {
        return write(() -> memory.renameLocation(accountName, locationName, newName, expectedVersion));
    }

    @Override
    public LocationRecord renameLocation(LocationRecord current, String newName) {
        return write(() -> memory.renameLocation(current, newName));
    }

    @Override
    public void deleteLocation(String accountName, String locationName, long expectedVersion) {
        write(() -> memory.deleteLocation(accountName, locationName, expectedVersion));
    }

    @Override
    public void deleteLocation(LocationRecord current) {
        write(() -> memory.deleteLocation(current));
    }

    @Override
    public PrincipalRecord createPrincipal(PrincipalRecord principal) {
        return write(() -> memory.createPrincipal(principal));
    }

    @Override
    public void deletePrincipal(String accountName, String principalName) {
        write(() -> memory.deletePrincipal(accountName, principalName));
    }

    @Override
    public void addRoleMembership(RoleMembership membership) {
        write(() -> memory.addRoleMembership(membership));
    }

    @Override
    public void removeRoleMembership(RoleMembership membership) {
        write(() -> memory.removeRoleMembership(membership));
    }

    @Override
    public void addGrant(GrantRecord grant) {
        write(() -> memory.addGrant(grant));
    }

    @Override
    public void removeGrant(GrantRecord grant) {
        write(() -> memory.removeGrant(grant));
    }

    @Override
    public long addUsage(String accountName, LocalDate day, long tokens) {
        return write(() -> memory.addUsage(accountName, day, tokens));
    }

    @Override
    public OptionalLong addUsageWithinLimit(String accountName, LocalDate day, long tokens, long limit) {
        return write(() -> memory.addUsageWithinLimit(accountName, day, tokens, limit));
    }

    @Override
    public SealingKeyRecord registerSealingKey(SealingKeyRecord key) {
        return write(() -> memory.registerSealingKey(key));
    }

    @Override
    public boolean deleteSealingKey(String keyId) {
        return write(() -> memory.deleteSealingKey(keyId));
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

    // ---- locking, loading and saving ----------------------------------------------------------

    private <T> T read(Supplier<T> call) {
        lock.readLock().lock();
        try {
            requireOpen();
            return call.get();
        }
        finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a write on the in-memory store and saves the result; a write that throws changed nothing and is not saved. */
    private <T> T write(Supplier<T> call) {
        lock.writeLock().lock();
        try {
            requireOpen();
            T result = call.get();
            save(memory.snapshot());
            return result;
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    private void write(Runnable call) {
        write(() -> {
            call.run();
            return null;
        });
    }

    private static CatalogSnapshot load(Path file) throws IOException {
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            if (!(tree instanceof ObjectNode fields) || fields.path("format").asInt() != FORMAT) {
                throw new IllegalArgumentException("The file " + file + " is not a JSON catalog of format " + FORMAT);
            }
            fields.remove("format");
            return JSON.treeToValue(fields, CatalogSnapshot.class);
        }
        catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("The file " + file + " is not a JSON catalog: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the snapshot to the file atomically; on failure puts memory back as the file still has it. Call under the write lock. */
    private void save(CatalogSnapshot snapshot) {
        try {
            ObjectNode fields = JSON.createObjectNode().put("format", FORMAT);
            fields.setAll((ObjectNode) JSON.valueToTree(snapshot));
            byte[] bytes = JSON.writeValueAsBytes(fields);
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
            memory = InMemoryCatalogStore.restore(saved);
            throw CatalogErrors.unavailable("The catalog file " + file + " could not be written (" + e.getMessage() + "); nothing was changed", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The catalog store for " + file + " is closed");
        }
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
