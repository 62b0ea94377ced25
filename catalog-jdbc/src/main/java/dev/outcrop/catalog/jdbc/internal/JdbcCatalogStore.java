package dev.outcrop.catalog.jdbc.internal;

import static dev.outcrop.catalog.jdbc.internal.Rows.ACCOUNT_COLUMNS;
import static dev.outcrop.catalog.jdbc.internal.Rows.LOCATION_COLUMNS;
import static dev.outcrop.catalog.jdbc.internal.Rows.PRINCIPAL_COLUMNS;
import static dev.outcrop.catalog.jdbc.internal.Rows.SERVICE_ACCOUNT_COLUMNS;
import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogErrors;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The catalog on a JDBC database (H2 or PostgreSQL), through portable SQL.
 *
 * <p>How the contract is kept:
 * <ul>
 *   <li>every write is one transaction, so it is applied whole or not at all;</li>
 *   <li>compare-and-set is {@code UPDATE ... WHERE version = ?}: the row lock taken by the UPDATE makes
 *       concurrent writers queue, and the condition is evaluated on the newest committed row, so of two
 *       writers holding the same version exactly one succeeds;</li>
 *   <li>unique names are unique constraints, so two servers cannot both create or rename to one name;</li>
 *   <li>each write that changes a catalog object adds 1 to {@code outcrop_catalog_version} as its last
 *       statement, which other servers' caches poll ({@link #changeSequence()}).</li>
 * </ul>
 * Lists are sorted in Java, because H2 and PostgreSQL collations order text differently. Every method
 * blocks the calling thread for one or a few round trips.
 */
public final class JdbcCatalogStore implements CatalogStore {

    private static final Comparator<GrantRecord> GRANT_ORDER = Comparator.comparing(GrantRecord::grantee)
            .thenComparing(GrantRecord::objectType)
            .thenComparing(GrantRecord::objectName)
            .thenComparing(GrantRecord::privilege);
    private static final Comparator<RoleMembership> MEMBERSHIP_ORDER = Comparator.comparing(RoleMembership::roleName)
            .thenComparing(RoleMembership::memberName);
    private static final int MAX_USAGE_ATTEMPTS = 10;

    private final Database database;
    private final AutoCloseable pool;

    /**
     * @param database runs the SQL
     * @param pool closed by {@link #close()}: the store owns the pool it was given
     */
    JdbcCatalogStore(Database database, AutoCloseable pool) {
        this.database = requireNonNull(database, "database is null");
        this.pool = requireNonNull(pool, "pool is null");
    }

    // ---- accounts --------------------------------------------------------------------------

    @Override
    public Optional<AccountRecord> findAccount(String accountName) {
        requireNonNull(accountName, "accountName is null");
        if (!Names.storable(accountName)) {
            return Optional.empty();
        }
        return database.read("find account", c -> queryOne(c, "SELECT " + ACCOUNT_COLUMNS + " FROM outcrop_accounts WHERE account_name = ?",
                Rows::account, accountName));
    }

    @Override
    public List<AccountRecord> listAccounts() {
        List<AccountRecord> accounts = database.read("list accounts",
                c -> queryList(c, "SELECT " + ACCOUNT_COLUMNS + " FROM outcrop_accounts", Rows::account));
        return sorted(accounts, Comparator.comparing(AccountRecord::accountName));
    }

    @Override
    public void deleteAccount(String accountName) {
        requireNonNull(accountName, "accountName is null");
        if (!Names.storable(accountName)) {
            throw CatalogErrors.accountNotFound(accountName);
        }
        database.write("delete account", c -> {
            // One transaction: the account and what is stored under its name go together, or not at all.
            for (String table : new String[] {"outcrop_service_accounts", "outcrop_grants", "outcrop_role_memberships", "outcrop_principals",
                    "outcrop_locations", "outcrop_token_usage"}) {
                update(c, "DELETE FROM " + table + " WHERE account_name = ?", accountName);
            }
            if (update(c, "DELETE FROM outcrop_accounts WHERE account_name = ?", accountName) == 0) {
                throw CatalogErrors.accountNotFound(accountName);
            }
            countChange(c);
            return null;
        });
    }

    @Override
    public AccountRecord createAccount(AccountRecord account) {
        requireNonNull(account, "account is null");
        Names.requireStorable("Account name", account.accountName());
        AccountRecord stored = account.withVersion(1);
        AccountRecord returned = new AccountRecord(stored.accountName(), stored.region(), stored.trustPolicyRole(),
                stored.llmTokenBudget(), Rows.storable(stored.created()), 1, stored.externalId());
        try {
            return database.write("create account", c -> {
                try (PreparedStatement insert = database.prepare(c, "INSERT INTO outcrop_accounts (" + ACCOUNT_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, stored.accountName());
                    insert.setString(2, stored.region());
                    insert.setString(3, stored.trustPolicyRole());
                    insert.setLong(4, stored.llmTokenBudget());
                    Rows.setInstant(insert, 5, stored.created());
                    insert.setLong(6, 1);
                    Rows.setNullableText(insert, 7, stored.externalId());
                    insert.executeUpdate();
                }
                countChange(c);
                return returned;
            });
        }
        catch (DuplicateKeyException e) {
            throw CatalogErrors.accountExists(account.accountName());
        }
    }

    @Override
    public AccountRecord updateAccount(AccountRecord account) {
        requireNonNull(account, "account is null");
        if (!Names.storable(account.accountName())) {
            throw CatalogErrors.accountNotFound(account.accountName());
        }
        return database.write("update account", c -> {
            int updated;
            try (PreparedStatement update = database.prepare(c, "UPDATE outcrop_accounts SET region = ?, trust_policy_role = ?, "
                    + "llm_token_budget = ?, created = ?, external_id = ?, version = version + 1 WHERE account_name = ? AND version = ?")) {
                update.setString(1, account.region());
                update.setString(2, account.trustPolicyRole());
                update.setLong(3, account.llmTokenBudget());
                Rows.setInstant(update, 4, account.created());
                Rows.setNullableText(update, 5, account.externalId());
                update.setString(6, account.accountName());
                update.setLong(7, account.version());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                OptionalLong storedVersion = queryLong(c, "SELECT version FROM outcrop_accounts WHERE account_name = ?", account.accountName());
                if (storedVersion.isEmpty()) {
                    throw CatalogErrors.accountNotFound(account.accountName());
                }
                throw CatalogErrors.accountChanged(account.accountName(), account.version(), storedVersion.getAsLong());
            }
            countChange(c);
            return new AccountRecord(account.accountName(), account.region(), account.trustPolicyRole(), account.llmTokenBudget(),
                    Rows.storable(account.created()), account.version() + 1, account.externalId());
        });
    }

    // ---- locations -------------------------------------------------------------------------

    @Override
    public Optional<LocationRecord> findLocation(String accountName, String locationName) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(locationName, "locationName is null");
        if (!Names.storable(accountName) || !Names.storable(locationName)) {
            return Optional.empty();
        }
        return database.read("find location", c -> findLocation(c, accountName, locationName));
    }

    private Optional<LocationRecord> findLocation(Connection c, String accountName, String locationName) throws SQLException {
        return queryOne(c, "SELECT " + LOCATION_COLUMNS + " FROM outcrop_locations WHERE account_name = ? AND location_name = ?",
                Rows::location, accountName, locationName);
    }

    @Override
    public List<LocationRecord> listLocations(String accountName) {
        requireNonNull(accountName, "accountName is null");
        if (!Names.storable(accountName)) {
            return List.of();
        }
        List<LocationRecord> locations = database.read("list locations", c -> queryList(c,
                "SELECT " + LOCATION_COLUMNS + " FROM outcrop_locations WHERE account_name = ?", Rows::location, accountName));
        return sorted(locations, Comparator.comparing(LocationRecord::locationName));
    }

    @Override
    public LocationRecord createLocation(LocationRecord location) {
        requireNonNull(location, "location is null");
        Names.requireStorable("Account name", location.accountName());
        Names.requireStorable("Location name", location.locationName());
        Names.requireStorable("Location id", location.id());
        LocationRecord stored = new LocationRecord(location.id(), location.accountName(), location.locationName(), location.source(),
                location.url(), location.description(), location.region(), location.owner(), Rows.storable(location.created()),
                location.credentials(), 1);
        try {
            return database.write("create location", c -> {
                try (PreparedStatement insert = database.prepare(c, "INSERT INTO outcrop_locations (" + LOCATION_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, stored.id());
                    insert.setString(2, stored.accountName());
                    insert.setString(3, stored.locationName());
                    int next = Rows.bindLocationValues(insert, 4, stored);
                    insert.setLong(next, 1);
                    insert.executeUpdate();
                }
                countChange(c);
                return stored;
            });
        }
        catch (DuplicateKeyException e) {
            // Which constraint? Ask, after the rollback; a name taken is by far the likelier answer.
            boolean idTaken = database.read("create location",
                    c -> queryLong(c, "SELECT version FROM outcrop_locations WHERE id = ?", location.id()).isPresent());
            boolean nameTaken = findLocation(location.accountName(), location.locationName()).isPresent();
            if (idTaken && !nameTaken) {
                throw CatalogErrors.locationIdExists(location.id());
            }
            throw CatalogErrors.locationExists(location.accountName(), location.locationName());
        }
    }

    @Override
    public LocationRecord updateLocation(LocationRecord location) {
        requireNonNull(location, "location is null");
        if (!Names.storable(location.accountName()) || !Names.storable(location.locationName())) {
            throw CatalogErrors.locationNotFound(location.accountName(), location.locationName());
        }
        return database.write("update location", c -> {
            int updated;
            try (PreparedStatement update = database.prepare(c, "UPDATE outcrop_locations SET source = ?, url = ?, description = ?, "
                    + "region = ?, owner_name = ?, created = ?, credentials_key_id = ?, credentials_sealed = ?, version = version + 1 "
                    + "WHERE account_name = ? AND location_name = ? AND version = ? AND id = ?")) {
                int next = Rows.bindLocationValues(update, 1, location);
                update.setString(next++, location.accountName());
                update.setString(next++, location.locationName());
                update.setLong(next++, location.version());
                update.setString(next, location.id());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                LocationRecord current = findLocation(c, location.accountName(), location.locationName())
                        .orElseThrow(() -> CatalogErrors.locationNotFound(location.accountName(), location.locationName()));
                if (current.version() != location.version()) {
                    throw CatalogErrors.locationChanged(location.accountName(), location.locationName(), location.version(), current.version());
                }
                throw CatalogErrors.locationReplaced(location.accountName(), location.locationName(), location.id());
            }
            countChange(c);
            return new LocationRecord(location.id(), location.accountName(), location.locationName(), location.source(), location.url(),
                    location.description(), location.region(), location.owner(), Rows.storable(location.created()),
                    location.credentials(), location.version() + 1);
        });
    }

    @Override
    public LocationRecord renameLocation(String accountName, String locationName, String newName, long expectedVersion) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(locationName, "locationName is null");
        requireNonNull(newName, "newName is null");
        return rename(accountName, locationName, null, newName, expectedVersion);
    }

    @Override
    public LocationRecord renameLocation(LocationRecord current, String newName) {
        requireNonNull(current, "current is null");
        requireNonNull(newName, "newName is null");
        return rename(current.accountName(), current.locationName(), current.id(), newName, current.version());
    }

    /** {@code expectedId} null means "whatever location has that name". */
    private LocationRecord rename(String accountName, String locationName, String expectedId, String newName, long expectedVersion) {
        if (!Names.storable(accountName) || !Names.storable(locationName)) {
            throw CatalogErrors.locationNotFound(accountName, locationName);
        }
        try {
            return database.write("rename location", c -> {
                if (!Names.storable(newName) || newName.equals(locationName)) {
                    // Report NOT_FOUND and VERSION_CONFLICT first, as the contract orders them.
                    requireCurrentLocation(c, accountName, locationName, expectedId, expectedVersion);
                    Names.requireStorable("New location name", newName);
                    throw CatalogErrors.locationExists(accountName, newName);
                }
                int updated = update(c, "UPDATE outcrop_locations SET location_name = ?, version = version + 1 "
                        + "WHERE account_name = ? AND location_name = ? AND version = ?" + (expectedId == null ? "" : " AND id = ?"),
                        withOptional(expectedId, newName, accountName, locationName, expectedVersion));
                if (updated == 0) {
                    requireCurrentLocation(c, accountName, locationName, expectedId, expectedVersion);
                    throw new CatalogException(Reason.VERSION_CONFLICT, "Location '" + locationName + "' of account '" + accountName
                            + "' changed while it was being renamed; read it again and retry");
                }
                // Grants left on the new name by a location dropped earlier belong to no one now.
                update(c, "DELETE FROM outcrop_grants WHERE account_name = ? AND object_type = 'LOCATION' AND object_name = ?",
                        accountName, newName);
                update(c, "UPDATE outcrop_grants SET object_name = ? WHERE account_name = ? AND object_type = 'LOCATION' AND object_name = ?",
                        newName, accountName, locationName);
                countChange(c);
                return findLocation(c, accountName, newName).orElseThrow(
                        () -> new IllegalStateException("a renamed location vanished inside its own transaction"));
            });
        }
        catch (DuplicateKeyException e) {
            throw CatalogErrors.locationExists(accountName, newName);
        }
    }

    @Override
    public void deleteLocation(String accountName, String locationName, long expectedVersion) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(locationName, "locationName is null");
        delete(accountName, locationName, null, expectedVersion);
    }

    @Override
    public void deleteLocation(LocationRecord current) {
        requireNonNull(current, "current is null");
        delete(current.accountName(), current.locationName(), current.id(), current.version());
    }

    private void delete(String accountName, String locationName, String expectedId, long expectedVersion) {
        if (!Names.storable(accountName) || !Names.storable(locationName)) {
            throw CatalogErrors.locationNotFound(accountName, locationName);
        }
        database.write("delete location", c -> {
            int deleted = update(c, "DELETE FROM outcrop_locations WHERE account_name = ? AND location_name = ? AND version = ?"
                    + (expectedId == null ? "" : " AND id = ?"), withOptional(expectedId, accountName, locationName, expectedVersion));
            if (deleted == 0) {
                requireCurrentLocation(c, accountName, locationName, expectedId, expectedVersion);
                throw new CatalogException(Reason.VERSION_CONFLICT, "Location '" + locationName + "' of account '" + accountName
                        + "' changed while it was being dropped; read it again and retry");
            }
            update(c, "DELETE FROM outcrop_grants WHERE account_name = ? AND object_type = 'LOCATION' AND object_name = ?",
                    accountName, locationName);
            countChange(c);
            return null;
        });
    }

    /** The parameters, followed by {@code last} unless it is null. */
    private static Object[] withOptional(String last, Object... parameters) {
        if (last == null) {
            return parameters;
        }
        Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + 1);
        all[parameters.length] = last;
        return all;
    }

    /** Throws NOT_FOUND or VERSION_CONFLICT unless the location exists with the expected version (and id, if given). */
    private void requireCurrentLocation(Connection c, String accountName, String locationName, String expectedId, long expectedVersion)
            throws SQLException {
        LocationRecord current = findLocation(c, accountName, locationName)
                .orElseThrow(() -> CatalogErrors.locationNotFound(accountName, locationName));
        if (current.version() != expectedVersion) {
            throw CatalogErrors.locationChanged(accountName, locationName, expectedVersion, current.version());
        }
        if (expectedId != null && !current.id().equals(expectedId)) {
            throw CatalogErrors.locationReplaced(accountName, locationName, expectedId);
        }
    }

    // ---- principals, role memberships and grants --------------------------------------------

    @Override
    public Optional<PrincipalRecord> findPrincipal(String accountName, String principalName) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(principalName, "principalName is null");
        if (!Names.storable(accountName) || !Names.storable(principalName)) {
            return Optional.empty();
        }
        return database.read("find principal", c -> queryOne(c, "SELECT " + PRINCIPAL_COLUMNS
                + " FROM outcrop_principals WHERE account_name = ? AND principal_name = ?", Rows::principal, accountName, principalName));
    }

    @Override
    public List<PrincipalRecord> listPrincipals(String accountName) {
        requireNonNull(accountName, "accountName is null");
        if (!Names.storable(accountName)) {
            return List.of();
        }
        List<PrincipalRecord> principals = database.read("list principals", c -> queryList(c,
                "SELECT " + PRINCIPAL_COLUMNS + " FROM outcrop_principals WHERE account_name = ?", Rows::principal, accountName));
        return sorted(principals, Comparator.comparing(PrincipalRecord::name));
    }

    @Override
    public PrincipalRecord createPrincipal(PrincipalRecord principal) {
        requireNonNull(principal, "principal is null");
        Names.requireStorable("Account name", principal.accountName());
        Names.requireStorable("User or role name", principal.name());
        PrincipalRecord stored = new PrincipalRecord(principal.accountName(), principal.name(), principal.kind(),
                Rows.storable(principal.created()));
        try {
            return database.write("create principal", c -> {
                try (PreparedStatement insert = database.prepare(c, "INSERT INTO outcrop_principals (" + PRINCIPAL_COLUMNS
                        + ") VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, stored.accountName());
                    insert.setString(2, stored.name());
                    insert.setString(3, stored.kind().name());
                    Rows.setInstant(insert, 4, stored.created());
                    insert.executeUpdate();
                }
                countChange(c);
                return stored;
            });
        }
        catch (DuplicateKeyException e) {
            throw CatalogErrors.principalExists(principal.accountName(), principal.name());
        }
    }

    @Override
    public void deletePrincipal(String accountName, String principalName) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(principalName, "principalName is null");
        if (!Names.storable(accountName) || !Names.storable(principalName)) {
            throw CatalogErrors.principalNotFound(accountName, principalName);
        }
        database.write("delete principal", c -> {
            if (update(c, "DELETE FROM outcrop_principals WHERE account_name = ? AND principal_name = ?", accountName, principalName) == 0) {
                throw CatalogErrors.principalNotFound(accountName, principalName);
            }
            update(c, "DELETE FROM outcrop_grants WHERE account_name = ? AND grantee = ?", accountName, principalName);
            update(c, "DELETE FROM outcrop_role_memberships WHERE account_name = ? AND (role_name = ? OR member_name = ?)",
                    accountName, principalName, principalName);
            countChange(c);
            return null;
        });
    }

    // ---- service accounts ------------------------------------------------------------------

    @Override
    public Optional<ServiceAccountRecord> findServiceAccount(String accountName, String name) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(name, "name is null");
        if (!Names.storable(accountName) || !Names.storable(name)) {
            return Optional.empty();
        }
        return database.read("find service account", c -> queryOne(c, "SELECT " + SERVICE_ACCOUNT_COLUMNS
                + " FROM outcrop_service_accounts WHERE account_name = ? AND name = ?", Rows::serviceAccount, accountName, name));
    }

    @Override
    public Optional<ServiceAccountRecord> findServiceAccountById(String id) {
        requireNonNull(id, "id is null");
        if (!Names.storable(id)) {
            return Optional.empty();
        }
        return database.read("find service account", c -> queryOne(c, "SELECT " + SERVICE_ACCOUNT_COLUMNS
                + " FROM outcrop_service_accounts WHERE id = ?", Rows::serviceAccount, id));
    }

    @Override
    public List<ServiceAccountRecord> listServiceAccounts(String accountName) {
        requireNonNull(accountName, "accountName is null");
        if (!Names.storable(accountName)) {
            return List.of();
        }
        List<ServiceAccountRecord> found = database.read("list service accounts", c -> queryList(c, "SELECT " + SERVICE_ACCOUNT_COLUMNS
                + " FROM outcrop_service_accounts WHERE account_name = ?", Rows::serviceAccount, accountName));
        return sorted(found, Comparator.comparing(ServiceAccountRecord::name));
    }

    @Override
    public ServiceAccountRecord createServiceAccount(ServiceAccountRecord serviceAccount) {
        requireNonNull(serviceAccount, "serviceAccount is null");
        Names.requireStorable("Account name", serviceAccount.accountName());
        Names.requireStorable("Service account name", serviceAccount.name());
        Names.requireStorable("Service account id", serviceAccount.id());
        ServiceAccountRecord stored = new ServiceAccountRecord(serviceAccount.id(), serviceAccount.accountName(), serviceAccount.name(),
                serviceAccount.description(), serviceAccount.userName(), serviceAccount.keyId(), serviceAccount.secretHash(),
                Rows.storable(serviceAccount.created()), 1);
        try {
            return database.write("create service account", c -> {
                try (PreparedStatement insert = database.prepare(c, "INSERT INTO outcrop_service_accounts (" + SERVICE_ACCOUNT_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, stored.id());
                    insert.setString(2, stored.accountName());
                    insert.setString(3, stored.name());
                    int next = Rows.bindServiceAccountValues(insert, 4, stored);
                    Rows.setInstant(insert, next++, stored.created());
                    insert.setLong(next, 1);
                    insert.executeUpdate();
                }
                countChange(c);
                return stored;
            });
        }
        catch (DuplicateKeyException e) {
            boolean nameTaken = findServiceAccount(serviceAccount.accountName(), serviceAccount.name()).isPresent();
            throw nameTaken ? CatalogErrors.serviceAccountExists(serviceAccount.accountName(), serviceAccount.name())
                    : CatalogErrors.serviceAccountIdExists(serviceAccount.id());
        }
    }

    @Override
    public ServiceAccountRecord updateServiceAccount(ServiceAccountRecord serviceAccount) {
        requireNonNull(serviceAccount, "serviceAccount is null");
        if (!Names.storable(serviceAccount.accountName()) || !Names.storable(serviceAccount.name())) {
            throw CatalogErrors.serviceAccountNotFound(serviceAccount.accountName(), serviceAccount.name());
        }
        return database.write("update service account", c -> {
            int updated;
            try (PreparedStatement update = database.prepare(c, "UPDATE outcrop_service_accounts SET description = ?, user_name = ?, "
                    + "key_id = ?, secret_hash = ?, version = version + 1 WHERE account_name = ? AND name = ? AND id = ? AND version = ?")) {
                int next = Rows.bindServiceAccountValues(update, 1, serviceAccount);
                update.setString(next++, serviceAccount.accountName());
                update.setString(next++, serviceAccount.name());
                update.setString(next++, serviceAccount.id());
                update.setLong(next, serviceAccount.version());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                OptionalLong storedVersion = queryLong(c, "SELECT version FROM outcrop_service_accounts WHERE account_name = ? AND name = ?",
                        serviceAccount.accountName(), serviceAccount.name());
                if (storedVersion.isEmpty()) {
                    throw CatalogErrors.serviceAccountNotFound(serviceAccount.accountName(), serviceAccount.name());
                }
                throw CatalogErrors.serviceAccountChanged(serviceAccount.accountName(), serviceAccount.name(), serviceAccount.version(),
                        storedVersion.getAsLong());
            }
            countChange(c);
            return serviceAccount.withVersion(serviceAccount.version() + 1);
        });
    }

    @Override
    public void deleteServiceAccount(String accountName, String name) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(name, "name is null");
        if (!Names.storable(accountName) || !Names.storable(name)) {
            throw CatalogErrors.serviceAccountNotFound(accountName, name);
        }
        database.write("delete service account", c -> {
            if (update(c, "DELETE FROM outcrop_service_accounts WHERE account_name = ? AND name = ?", accountName, name) == 0) {
                throw CatalogErrors.serviceAccountNotFound(accountName, name);
            }
            countChange(c);
            return null;
        });
    }

    @Override
    public void addRoleMembership(RoleMembership membership) {
        requireNonNull(membership, "membership is null");
        Names.requireStorable("Account name", membership.accountName());
        Names.requireStorable("Role name", membership.roleName());
        Names.requireStorable("Member name", membership.memberName());
        insertIfAbsent("add role membership",
                "SELECT 1 FROM outcrop_role_memberships WHERE account_name = ? AND role_name = ? AND member_name = ?",
                "INSERT INTO outcrop_role_memberships (account_name, role_name, member_name) VALUES (?, ?, ?)",
                membership.accountName(), membership.roleName(), membership.memberName());
    }

    @Override
    public void removeRoleMembership(RoleMembership membership) {
        requireNonNull(membership, "membership is null");
        if (!Names.storable(membership.accountName()) || !Names.storable(membership.roleName()) || !Names.storable(membership.memberName())) {
            return;
        }
        deleteIfPresent("remove role membership",
                "DELETE FROM outcrop_role_memberships WHERE account_name = ? AND role_name = ? AND member_name = ?",
                membership.accountName(), membership.roleName(), membership.memberName());
    }

    @Override
    public List<RoleMembership> listRoleMemberships(String accountName) {
        requireNonNull(accountName, "accountName is null");
        if (!Names.storable(accountName)) {
            return List.of();
        }
        List<RoleMembership> memberships = database.read("list role memberships", c -> queryList(c,
                "SELECT account_name, role_name, member_name FROM outcrop_role_memberships WHERE account_name = ?",
                Rows::membership, accountName));
        return sorted(memberships, MEMBERSHIP_ORDER);
    }

    @Override
    public void addGrant(GrantRecord grant) {
        requireNonNull(grant, "grant is null");
        Names.requireStorable("Account name", grant.accountName());
        Names.requireStorable("Grantee", grant.grantee());
        Names.requireStorable("Object name", grant.objectName());
        insertIfAbsent("add grant",
                "SELECT 1 FROM outcrop_grants WHERE account_name = ? AND grantee = ? AND object_type = ? AND object_name = ? AND privilege = ?",
                "INSERT INTO outcrop_grants (account_name, grantee, object_type, object_name, privilege) VALUES (?, ?, ?, ?, ?)",
                grant.accountName(), grant.grantee(), grant.objectType(), grant.objectName(), grant.privilege());
    }

    @Override
    public void removeGrant(GrantRecord grant) {
        requireNonNull(grant, "grant is null");
        if (!Names.storable(grant.accountName()) || !Names.storable(grant.grantee()) || !Names.storable(grant.objectName())) {
            return;
        }
        deleteIfPresent("remove grant",
                "DELETE FROM outcrop_grants WHERE account_name = ? AND grantee = ? AND object_type = ? AND object_name = ? AND privilege = ?",
                grant.accountName(), grant.grantee(), grant.objectType(), grant.objectName(), grant.privilege());
    }

    @Override
    public List<GrantRecord> listGrants(String accountName) {
        requireNonNull(accountName, "accountName is null");
        if (!Names.storable(accountName)) {
            return List.of();
        }
        List<GrantRecord> grants = database.read("list grants", c -> queryList(c,
                "SELECT account_name, grantee, object_type, object_name, privilege FROM outcrop_grants WHERE account_name = ?",
                Rows::grant, accountName));
        return sorted(grants, GRANT_ORDER);
    }

    /** Idempotent add: a row already there, or one inserted concurrently, changes nothing and counts no change. */
    private void insertIfAbsent(String operation, String existsSql, String insertSql, Object... key) {
        try {
            database.write(operation, c -> {
                if (queryExists(c, existsSql, key)) {
                    return null;
                }
                update(c, insertSql, key);
                countChange(c);
                return null;
            });
        }
        catch (DuplicateKeyException e) {
            // Another server added the same row between our check and our insert: the outcome is the same.
        }
    }

    private void deleteIfPresent(String operation, String deleteSql, Object... key) {
        database.write(operation, c -> {
            if (update(c, deleteSql, key) > 0) {
                countChange(c);
            }
            return null;
        });
    }

    // ---- token usage -----------------------------------------------------------------------

    @Override
    public long usage(String accountName, LocalDate day) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(day, "day is null");
        if (!Names.storable(accountName)) {
            return 0;
        }
        return database.read("read token usage", c -> queryUsage(c, accountName, day).orElse(0));
    }

    @Override
    public long addUsage(String accountName, LocalDate day, long tokens) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(day, "day is null");
        Names.requireStorable("Account name", accountName);
        for (int attempt = 1; ; attempt++) {
            try {
                return database.write("add token usage", c -> {
                    if (incrementUsage(c, accountName, day, tokens, null) == 1) {
                        return queryUsage(c, accountName, day).getAsLong();
                    }
                    insertUsage(c, accountName, day, tokens);
                    return tokens;
                });
            }
            catch (DuplicateKeyException e) {
                // The day's row was inserted concurrently; the next attempt adds to it.
                requireAttemptsLeft(attempt, accountName);
            }
        }
    }

    @Override
    public OptionalLong addUsageWithinLimit(String accountName, LocalDate day, long tokens, long limit) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(day, "day is null");
        Names.requireStorable("Account name", accountName);
        for (int attempt = 1; ; attempt++) {
            try {
                OptionalLong outcome = database.write("add token usage within limit", c -> {
                    // The condition is evaluated on the newest committed total under the row lock: atomic across servers.
                    if (incrementUsage(c, accountName, day, tokens, limit) == 1) {
                        return queryUsage(c, accountName, day);
                    }
                    OptionalLong current = queryUsage(c, accountName, day);
                    if (current.isPresent()) {
                        // Refused now, or the row appeared after our UPDATE looked: decide on the total we see.
                        return current.getAsLong() + tokens > limit ? OptionalLong.empty() : null;
                    }
                    if (tokens > limit) {
                        return OptionalLong.empty();
                    }
                    insertUsage(c, accountName, day, tokens);
                    return OptionalLong.of(tokens);
                });
                if (outcome != null) {
                    return outcome;
                }
            }
            catch (DuplicateKeyException e) {
                // The day's row was inserted concurrently; try again against it.
            }
            requireAttemptsLeft(attempt, accountName);
        }
    }

    private int incrementUsage(Connection c, String accountName, LocalDate day, long tokens, Long limit) throws SQLException {
        String sql = "UPDATE outcrop_token_usage SET tokens = tokens + ? WHERE account_name = ? AND usage_day = ?"
                + (limit == null ? "" : " AND tokens + ? <= ?");
        try (PreparedStatement update = database.prepare(c, sql)) {
            update.setLong(1, tokens);
            update.setString(2, accountName);
            update.setObject(3, day);
            if (limit != null) {
                update.setLong(4, tokens);
                update.setLong(5, limit);
            }
            return update.executeUpdate();
        }
    }

    private void insertUsage(Connection c, String accountName, LocalDate day, long tokens) throws SQLException {
        try (PreparedStatement insert = database.prepare(c, "INSERT INTO outcrop_token_usage (account_name, usage_day, tokens) VALUES (?, ?, ?)")) {
            insert.setString(1, accountName);
            insert.setObject(2, day);
            insert.setLong(3, tokens);
            insert.executeUpdate();
        }
    }

    private OptionalLong queryUsage(Connection c, String accountName, LocalDate day) throws SQLException {
        try (PreparedStatement select = database.prepare(c, "SELECT tokens FROM outcrop_token_usage WHERE account_name = ? AND usage_day = ?")) {
            select.setString(1, accountName);
            select.setObject(2, day);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static void requireAttemptsLeft(int attempt, String accountName) {
        if (attempt >= MAX_USAGE_ATTEMPTS) {
            throw new CatalogException(Reason.UNAVAILABLE, "Token usage of account '" + accountName + "' could not be updated after "
                    + attempt + " attempts because of concurrent writers; the call can be retried");
        }
    }

    // ---- sealing keys ----------------------------------------------------------------------

    private static final String SEALING_KEY_COLUMNS = "key_id, verifier, registered";

    @Override
    public List<SealingKeyRecord> listSealingKeys() {
        List<SealingKeyRecord> keys = database.read("list sealing keys",
                c -> queryList(c, "SELECT " + SEALING_KEY_COLUMNS + " FROM outcrop_sealing_keys", Rows::sealingKey));
        return sorted(keys, Comparator.comparing(SealingKeyRecord::keyId));
    }

    @Override
    public SealingKeyRecord registerSealingKey(SealingKeyRecord key) {
        requireNonNull(key, "key is null");
        Names.requireStorable("Sealing key id", key.keyId());
        SealingKeyRecord stored = new SealingKeyRecord(key.keyId(), key.verifier(), Rows.storable(key.registered()));
        try {
            // The primary key decides between servers registering the same id at once: the first insert wins.
            return database.write("register sealing key", c -> {
                try (PreparedStatement insert = database.prepare(c, "INSERT INTO outcrop_sealing_keys (" + SEALING_KEY_COLUMNS
                        + ") VALUES (?, ?, ?)")) {
                    insert.setString(1, stored.keyId());
                    insert.setString(2, stored.verifier());
                    Rows.setInstant(insert, 3, stored.registered());
                    insert.executeUpdate();
                }
                return stored;
            });
        }
        catch (DuplicateKeyException e) {
            return database.read("find sealing key", c -> queryOne(c, "SELECT " + SEALING_KEY_COLUMNS
                    + " FROM outcrop_sealing_keys WHERE key_id = ?", Rows::sealingKey, key.keyId()))
                    .orElseThrow(() -> new CatalogException(Reason.UNAVAILABLE, "Sealing key '" + key.keyId()
                            + "' was registered and deleted at the same time by another server; start again"));
        }
    }

    @Override
    public boolean deleteSealingKey(String keyId) {
        requireNonNull(keyId, "keyId is null");
        if (!Names.storable(keyId)) {
            return false;
        }
        return database.write("delete sealing key", c -> update(c, "DELETE FROM outcrop_sealing_keys WHERE key_id = ?", keyId) > 0);
    }

    // ---- change detection ------------------------------------------------------------------

    @Override
    public OptionalLong changeSequence() {
        return database.read("read change sequence",
                c -> queryLong(c, "SELECT change_count FROM outcrop_catalog_version WHERE id = ?", 1));
    }

    /** Last statement of every catalog write: visible to other servers exactly when the write is. */
    private void countChange(Connection c) throws SQLException {
        update(c, "UPDATE outcrop_catalog_version SET change_count = change_count + 1 WHERE id = ?", 1);
    }

    @Override
    public void close() {
        try {
            pool.close();
        }
        catch (Exception e) {
            throw new IllegalStateException("Closing the catalog's connection pool failed: " + e.getMessage(), e);
        }
    }

    // ---- SQL helpers -----------------------------------------------------------------------

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement select = database.prepare(c, sql)) {
            bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(mapper.map(row)) : Optional.empty();
            }
        }
    }

    private <T> List<T> queryList(Connection c, String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement select = database.prepare(c, sql)) {
            bind(select, parameters);
            List<T> result = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    result.add(mapper.map(row));
                }
            }
            return result;
        }
    }

    private OptionalLong queryLong(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = database.prepare(c, sql)) {
            bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private boolean queryExists(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement select = database.prepare(c, sql)) {
            bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = database.prepare(c, sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter instanceof Long value) {
                statement.setLong(i + 1, value);
            }
            else if (parameter instanceof Integer value) {
                statement.setInt(i + 1, value);
            }
            else {
                statement.setString(i + 1, (String) parameter);
            }
        }
    }

    private static <T> List<T> sorted(List<T> values, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(values);
        copy.sort(order);
        return List.copyOf(copy);
    }

    @Override
    public String toString() {
        return "JdbcCatalogStore[" + database.redactedUrl() + "]";
    }
}
