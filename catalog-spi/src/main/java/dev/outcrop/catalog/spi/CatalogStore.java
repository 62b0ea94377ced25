package dev.outcrop.catalog.spi;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A catalog store. Every method is atomic: it either takes effect as a whole or not at all, and a
 * concurrent reader never sees half of it. Writes that change an existing object are compare-and-set
 * on its {@code version}, so two servers cannot silently overwrite each other's changes.
 *
 * <p>Failures are reported as {@link CatalogException} with a {@link CatalogException.Reason}; a store
 * that cannot be reached must say {@link CatalogException.Reason#UNAVAILABLE}, never "not found".
 *
 * <p>Names are compared exactly: core has already folded unquoted identifiers to lower case.
 *
 * <p>The rules below are checked by {@code CatalogStoreContractTest} in {@code outcrop-catalog-testkit};
 * where this Javadoc is silent, that kit decides. In short:
 * <ul>
 *   <li>Lists are ordered by {@link String#compareTo} of their names (grants by grantee, object type,
 *       object name, privilege; memberships by role, member), never by a database collation.</li>
 *   <li>When a check fails for several reasons, the first in this order wins: {@code NOT_FOUND},
 *       {@code VERSION_CONFLICT}, {@code ALREADY_EXISTS}.</li>
 *   <li>The store does not check references between objects (that an account exists before its
 *       locations, that a grantee exists); core does. The store does keep grants on a location with it:
 *       they follow a rename and go with a delete, in the same atomic step.</li>
 *   <li>A store may refuse input it cannot hold (a name longer than it supports, a NUL character) with
 *       {@code INVALID}, never by storing something else. Times may be truncated to microseconds; the
 *       record a write returns is exactly what a later read returns.</li>
 *   <li>Arguments are never null ({@link NullPointerException} otherwise).</li>
 * </ul>
 *
 * <p>Every method may block (a remote store makes a round trip); core calls them off its event loops.
 */
public interface CatalogStore extends AutoCloseable {

    // ---- accounts --------------------------------------------------------------------------

    Optional<AccountRecord> findAccount(String accountName);

    List<AccountRecord> listAccounts();

    /** Stores a new account with version 1 and returns it. {@code ALREADY_EXISTS} if the name is taken. */
    AccountRecord createAccount(AccountRecord account);

    /**
     * Replaces an account if its stored version equals {@code account.version()}, and returns the
     * stored record with the version incremented. {@code NOT_FOUND} or {@code VERSION_CONFLICT} otherwise.
     */
    AccountRecord updateAccount(AccountRecord account);

    /**
     * Deletes an account and everything stored under it (locations, principals, role memberships, grants, token usage,
     * service accounts), at once. {@code NOT_FOUND} if there is no such account. A store that cannot (one written before
     * this method) throws {@link UnsupportedOperationException}, and {@code DROP ACCOUNT} is refused with its message.
     */
    default void deleteAccount(String accountName) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement CatalogStore.deleteAccount");
    }

    // ---- locations -------------------------------------------------------------------------

    Optional<LocationRecord> findLocation(String accountName, String locationName);

    /** The account's locations, ordered by name. */
    List<LocationRecord> listLocations(String accountName);

    /**
     * Stores a new location with version 1 and returns it. {@code ALREADY_EXISTS} if the name is taken
     * in the account, or if a location with the same {@code id} exists anywhere in the store.
     */
    LocationRecord createLocation(LocationRecord location);

    /**
     * Replaces a location (found by account and name) if its stored version equals
     * {@code location.version()}; returns the stored record with the version incremented.
     * {@code NOT_FOUND} if absent; {@code VERSION_CONFLICT} if the version differs, or if the stored
     * location has another {@code id} (it was dropped and created again since it was read, so its
     * version may have started again at 1).
     */
    LocationRecord updateLocation(LocationRecord location);

    /**
     * Renames a location if its stored version equals {@code expectedVersion}; the renamed record keeps
     * its id and gets the next version. {@code ALREADY_EXISTS} if {@code newName} is taken (renaming a
     * location to its own name included). Grants on the location are moved to the new name in the same
     * step.
     */
    LocationRecord renameLocation(String accountName, String locationName, String newName, long expectedVersion);

    /**
     * Deletes a location, and the grants on it, if its stored version equals {@code expectedVersion}.
     * {@code NOT_FOUND} if absent, {@code VERSION_CONFLICT} if the version differs.
     */
    void deleteLocation(String accountName, String locationName, long expectedVersion);

    /**
     * Renames the location exactly as it was read: like {@link #renameLocation(String, String, String, long)}
     * with {@code current}'s account, name and version, and also {@code VERSION_CONFLICT} if the stored
     * location has another id (it was dropped and created again since it was read, so its version may
     * have started again at 1 and would otherwise match).
     *
     * <p>The default checks the id with a read before renaming, which leaves a short window in which a
     * drop-and-create by another server goes unnoticed; stores should override it to check the id in the
     * same atomic step, as the bundled stores do.
     */
    default LocationRecord renameLocation(LocationRecord current, String newName) {
        java.util.Objects.requireNonNull(current, "current is null");
        java.util.Objects.requireNonNull(newName, "newName is null");
        requireSameLocation(current);
        return renameLocation(current.accountName(), current.locationName(), newName, current.version());
    }

    /**
     * Deletes the location exactly as it was read: like {@link #deleteLocation(String, String, long)} with
     * {@code current}'s account, name and version, and also {@code VERSION_CONFLICT} if the stored location
     * has another id, so that a caller never drops a location it has not seen (and whose privileges it
     * has not checked). The default has the same window as {@link #renameLocation(LocationRecord, String)}.
     */
    default void deleteLocation(LocationRecord current) {
        java.util.Objects.requireNonNull(current, "current is null");
        requireSameLocation(current);
        deleteLocation(current.accountName(), current.locationName(), current.version());
    }

    private void requireSameLocation(LocationRecord current) {
        LocationRecord stored = findLocation(current.accountName(), current.locationName())
                .orElseThrow(() -> CatalogErrors.locationNotFound(current.accountName(), current.locationName()));
        if (!stored.id().equals(current.id())) {
            throw CatalogErrors.locationReplaced(current.accountName(), current.locationName(), current.id());
        }
    }

    // ---- principals, role memberships and grants --------------------------------------------

    Optional<PrincipalRecord> findPrincipal(String accountName, String principalName);

    List<PrincipalRecord> listPrincipals(String accountName);

    /** {@code ALREADY_EXISTS} if a user or role of that name exists in the account. */
    PrincipalRecord createPrincipal(PrincipalRecord principal);

    /**
     * Deletes the principal with the grants it holds and the memberships it is part of (as role or as
     * member). {@code NOT_FOUND} if absent.
     */
    void deletePrincipal(String accountName, String principalName);

    /** Adds a role membership; adding one that exists changes nothing. */
    void addRoleMembership(RoleMembership membership);

    /** Removes a role membership; removing one that does not exist changes nothing. */
    void removeRoleMembership(RoleMembership membership);

    List<RoleMembership> listRoleMemberships(String accountName);

    /** Adds a grant; adding one that exists changes nothing. */
    void addGrant(GrantRecord grant);

    /** Removes a grant; removing one that does not exist changes nothing. */
    void removeGrant(GrantRecord grant);

    List<GrantRecord> listGrants(String accountName);

    // ---- service accounts ------------------------------------------------------------------
    //
    // Defaults refuse with INVALID, so that stores written before service accounts existed keep
    // compiling; such a store simply cannot hold them. The bundled stores implement all of these, and
    // ServiceAccountContractTest in outcrop-catalog-testkit checks them.

    default Optional<ServiceAccountRecord> findServiceAccount(String accountName, String name) {
        return Optional.empty();
    }

    /** Finds a service account by its id (the OAuth client id) anywhere in the store. */
    default Optional<ServiceAccountRecord> findServiceAccountById(String id) {
        return Optional.empty();
    }

    /** The account's service accounts, ordered by name. */
    default List<ServiceAccountRecord> listServiceAccounts(String accountName) {
        return List.of();
    }

    /**
     * Stores a new service account with version 1 and returns it. {@code ALREADY_EXISTS} if the name is
     * taken in the account, or its id anywhere in the store.
     */
    default ServiceAccountRecord createServiceAccount(ServiceAccountRecord serviceAccount) {
        throw new CatalogException(CatalogException.Reason.INVALID, "This catalog store (" + getClass().getName()
                + ") cannot hold service accounts; use a bundled store (memory or jdbc) or implement the service-account methods");
    }

    /**
     * Replaces a service account (found by account and name) if its stored version and id equal the
     * given ones; returns the stored record with the version incremented. {@code NOT_FOUND} if absent,
     * {@code VERSION_CONFLICT} otherwise.
     */
    default ServiceAccountRecord updateServiceAccount(ServiceAccountRecord serviceAccount) {
        throw CatalogErrors.serviceAccountNotFound(serviceAccount.accountName(), serviceAccount.name());
    }

    /** Deletes a service account. {@code NOT_FOUND} if absent. */
    default void deleteServiceAccount(String accountName, String name) {
        throw CatalogErrors.serviceAccountNotFound(accountName, name);
    }
    // ---- sealing keys ----------------------------------------------------------------------

    /** The registered sealing keys' verifiers, ordered by key id. */
    List<SealingKeyRecord> listSealingKeys();

    /**
     * Registers a sealing key's verifier unless its key id is registered already, as one atomic step shared
     * by every server on this store, and returns the record stored for the key id: {@code key} if it was
     * new, else the one registered first (which may carry another verifier: core then refuses to start).
     * Registering does not move {@link #changeSequence()}.
     */
    SealingKeyRecord registerSealingKey(SealingKeyRecord key);

    /**
     * Forgets a key id, so that it may be registered again with another key; for an operator who retired
     * the key (no location is sealed with it). Returns whether it was registered.
     */
    boolean deleteSealingKey(String keyId);

    // ---- token usage -----------------------------------------------------------------------

    /** Tokens charged to the account on the given UTC day; 0 when nothing was charged. */
    long usage(String accountName, LocalDate day);

    /** Adds {@code tokens} (which may be negative, to correct an estimate) and returns the new total. */
    long addUsage(String accountName, LocalDate day, long tokens);

    /**
     * Adds {@code tokens} only if the total stays at or below {@code limit}, as one atomic step shared by
     * every server on this store. Returns the new total, or empty if the addition was refused.
     */
    OptionalLong addUsageWithinLimit(String accountName, LocalDate day, long tokens, long limit);

    // ---- change detection ------------------------------------------------------------------

    /**
     * A number that grows whenever a write to accounts, locations, principals, service accounts, role memberships or grants
     * commits, seen alike by every instance that shares this store; token usage does not move it (usage is
     * written on every AI call and is never cached). A read cache polls it to learn of other servers'
     * changes: if it moved, something changed. The bump must become visible together with the write
     * (same transaction), never before it.
     *
     * <p>Blocking: for a remote store this is one round trip.
     *
     * @return the current value, or empty if this store offers no change sequence, in which case a cache
     *     must treat every poll as "something may have changed"
     */
    default OptionalLong changeSequence() {
        return OptionalLong.empty();
    }

    /** Releases connections and threads. Never throws a checked exception. */
    @Override
    void close();
}
