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

    // ---- locations -------------------------------------------------------------------------

    Optional<LocationRecord> findLocation(String accountName, String locationName);

    /** The account's locations, ordered by name. */
    List<LocationRecord> listLocations(String accountName);

    /** Stores a new location with version 1 and returns it. {@code ALREADY_EXISTS} if the name is taken. */
    LocationRecord createLocation(LocationRecord location);

    /**
     * Replaces a location (found by account and name) if its stored version equals
     * {@code location.version()}; returns the stored record with the version incremented.
     */
    LocationRecord updateLocation(LocationRecord location);

    /**
     * Renames a location if its stored version equals {@code expectedVersion}; the renamed record keeps
     * its id and gets the next version. {@code ALREADY_EXISTS} if {@code newName} is taken.
     */
    LocationRecord renameLocation(String accountName, String locationName, String newName, long expectedVersion);

    /** Deletes a location if its stored version equals {@code expectedVersion}. */
    void deleteLocation(String accountName, String locationName, long expectedVersion);

    // ---- principals, role memberships and grants --------------------------------------------

    Optional<PrincipalRecord> findPrincipal(String accountName, String principalName);

    List<PrincipalRecord> listPrincipals(String accountName);

    /** {@code ALREADY_EXISTS} if a user or role of that name exists in the account. */
    PrincipalRecord createPrincipal(PrincipalRecord principal);

    /** Deletes the principal with its grants and memberships. {@code NOT_FOUND} if absent. */
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

    /** Releases connections and threads. Never throws a checked exception. */
    @Override
    void close();
}
