package dev.outcrop.core.internal.ddl;

import dev.outcrop.core.internal.access.AccessControl;
import dev.outcrop.core.internal.access.Errors;
import dev.outcrop.core.internal.catalog.CatalogAccess;
import dev.outcrop.core.internal.credentials.CredentialResolver;
import dev.outcrop.core.internal.credentials.LocationDirectory;
import dev.outcrop.core.internal.identity.ServiceAccountStatements;
import dev.outcrop.core.internal.run.SessionState;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.statement.AlterAccount;
import dev.outcrop.core.statement.ResealLocations;
import dev.outcrop.core.statement.AlterLocation;
import dev.outcrop.core.statement.AlterLocationAction;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.CallProcedure;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.CreateServiceAccount;
import dev.outcrop.core.statement.DropServiceAccount;
import dev.outcrop.core.statement.DropLocation;
import dev.outcrop.core.statement.DropPrincipal;
import dev.outcrop.core.statement.GrantObjectType;
import dev.outcrop.core.statement.GrantPrivilege;
import dev.outcrop.core.statement.GrantRole;
import dev.outcrop.core.statement.RevokePrivilege;
import dev.outcrop.core.statement.RevokeRole;
import dev.outcrop.core.statement.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs the statements that change the catalog. Blocking: runs on the engine's executor.
 */
public final class DdlExecutor {

    /** A refused DROP USER or DROP ROLE names this many of the locations in the way, and says how to list the rest. */
    private static final int OWNED_NAMES_SHOWN = 10;

    private final CatalogAccess catalog;
    private final CredentialResolver credentials;
    private final Clock clock;
    private final LocationDirectory directory;
    private final ServiceAccountStatements serviceAccounts;

    private final dev.outcrop.core.security.TrustSettings trust;
    private final AccountStatements accounts;

    public DdlExecutor(CatalogAccess catalog, CredentialResolver credentials, Clock clock, LocationDirectory directory,
                       dev.outcrop.core.security.TrustSettings trust, AccountStatements accounts) {
        this.accounts = accounts;
        this.serviceAccounts = new ServiceAccountStatements(catalog.store(), clock);
        this.catalog = catalog;
        this.credentials = credentials;
        this.clock = clock;
        this.directory = directory;
        this.trust = trust;
    }

    /** The deployment's policy, when it has one: a role location must name an external ID. */
    private void requireExternalIdIfDemanded(String account, String name, dev.outcrop.core.location.LocationCredentials given) {
        if (trust.requireRoleExternalId() && given instanceof dev.outcrop.core.location.RoleCredentials role && role.externalId() == null) {
            throw new OutcropException(OutcropErrorCode.INVALID_CREDENTIALS_SPEC, "location '" + name + "' names a role without an external ID,"
                    + " and this deployment requires one for every role location: add AWS_ROLE_EXTERNAL_ID = '<external id>' to CREDENTIALS,"
                    + " using the external ID your role's trust policy demands (SELECT external_id FROM information_schema.accounts shows the one"
                    + " generated for account '" + account + "')");
        }
    }

    public QueryResult execute(SessionState session, Statement statement) {
        String account = session.accountName();
        catalog.account(account);
        AccessControl access = AccessControl.of(catalog.store(), account, session.principalName());
        if (statement instanceof CreateLocation create) {
            return createLocation(session, access, create);
        }
        if (statement instanceof AlterLocation alter) {
            return alterLocation(account, access, alter);
        }
        if (statement instanceof DropLocation drop) {
            return dropLocation(account, access, drop);
        }
        if (statement instanceof AlterAccount alter) {
            return alterAccount(account, access, alter);
        }
        if (statement instanceof ResealLocations reseal) {
            return resealLocations(account, access, reseal);
        }
        if (statement instanceof dev.outcrop.core.statement.CreateAccount create) {
            return accounts.create(session, access, create);
        }
        if (statement instanceof dev.outcrop.core.statement.DropAccount drop) {
            return accounts.drop(session, access, drop, this::forgetCredentials);
        }
        if (statement instanceof CreatePrincipal create) {
            return createPrincipal(account, access, create);
        }
        if (statement instanceof DropPrincipal drop) {
            return dropPrincipal(account, access, drop);
        }
        if (statement instanceof CreateServiceAccount create) {
            return serviceAccounts.create(account, access, create);
        }
        if (statement instanceof DropServiceAccount drop) {
            return serviceAccounts.drop(account, access, drop);
        }
        if (statement instanceof CallProcedure call) {
            return serviceAccounts.call(account, access, call);
        }
        if (statement instanceof GrantPrivilege grant) {
            return grant(account, access, grant.privilege().sql(), grant.objectType(), grant.objectName().value(), grant.grantee().value(), true);
        }
        if (statement instanceof RevokePrivilege revoke) {
            return grant(account, access, revoke.privilege().sql(), revoke.objectType(), revoke.objectName().value(), revoke.grantee().value(), false);
        }
        if (statement instanceof GrantRole grant) {
            return roleMembership(account, access, grant.role().value(), grant.member().value(), true);
        }
        if (statement instanceof RevokeRole revoke) {
            return roleMembership(account, access, revoke.role().value(), revoke.member().value(), false);
        }
        throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, "statement " + statement.getClass().getSimpleName() + " is not supported here");
    }

    private QueryResult createLocation(SessionState session, AccessControl access, CreateLocation create) {
        String account = session.accountName();
        String name = create.name().value();
        if (!access.canCreateLocation()) {
            throw Errors.permissionDenied("create", "locations in account '" + account + "'", "the CREATE LOCATION privilege on the account");
        }
        if (create.source().hasUrl() && create.url() == null) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "location '" + name + "' has SOURCE = " + create.source()
                    + ", which needs URL = '<url>'");
        }
        if (!create.source().hasUrl() && create.url() != null) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "location '" + name + "' has SOURCE = " + create.source()
                    + ", which takes no URL: remove the URL clause");
        }
        Optional<LocationRecord> existing = catalog.findLocation(account, name);
        if (existing.isPresent()) {
            return alreadyExists(create, name);
        }
        requireExternalIdIfDemanded(account, name, create.credentials());
        String id = UUID.randomUUID().toString();
        SealedSecret sealed = catalog.sealer().seal(account, id, create.credentials());
        LocationRecord record = new LocationRecord(id, account, name, create.source().name(), create.url(), create.description(),
                create.region(), session.principalName(), clock.instant(), sealed, 1);
        LocationRecord stored;
        try {
            stored = catalog.store().createLocation(record);
        }
        catch (CatalogException e) {
            if (e.reason() == CatalogException.Reason.ALREADY_EXISTS) {
                return alreadyExists(create, name);
            }
            throw e;
        }
        if (catalog.store().findPrincipal(account, session.principalName()).isEmpty()) {
            // The creator was dropped (by another server) while it created the location. Keeping the location would leave it
            // owned by a name that the next CREATE USER or CREATE ROLE of that name would inherit.
            catalog.store().deleteLocation(stored);
            throw new OutcropException(OutcropErrorCode.PRINCIPAL_NOT_FOUND, "location '" + name + "' was not created: its creator '"
                    + session.principalName() + "' was dropped while it was being created");
        }
        return QueryResult.status("CREATE LOCATION");
    }

    private static QueryResult alreadyExists(CreateLocation create, String name) {
        if (create.ifNotExists()) {
            return QueryResult.status("CREATE LOCATION (exists, unchanged)");
        }
        throw new OutcropException(OutcropErrorCode.LOCATION_ALREADY_EXISTS, "location '" + name
                + "' already exists: choose another name, add IF NOT EXISTS, or change it with ALTER LOCATION " + name);
    }

    private QueryResult alterLocation(String account, AccessControl access, AlterLocation alter) {
        String name = alter.name().value();
        Optional<LocationRecord> found = catalog.findLocation(account, name).filter(access::canSee);
        if (found.isEmpty()) {
            if (alter.ifExists()) {
                return QueryResult.status("ALTER LOCATION (absent, nothing done)");
            }
            throw Errors.locationNotFound(name);
        }
        LocationRecord location = found.get();
        AlterLocationAction action = alter.action();
        if (action instanceof AlterLocationAction.OwnerTo) {
            // Not MODIFY: a MODIFY holder who could give the location away could give it to itself and then grant itself USAGE.
            if (!access.canTransferOwnership(location)) {
                throw new OutcropException(OutcropErrorCode.PERMISSION_DENIED, "you may not change the owner of location '" + name
                        + "': only its owner ('" + location.owner() + "', or a member of that role) or an account_admin may, and MODIFY does not"
                        + " include it; ask one of them to run ALTER LOCATION " + alter.name().toSql() + " OWNER TO <user_or_role>");
            }
        }
        else if (!access.canModify(location)) {
            throw Errors.permissionDenied("alter", "location '" + name + "'", "the MODIFY privilege on it");
        }
        if (action instanceof AlterLocationAction.RenameTo rename) {
            String newName = rename.newName().value();
            try {
                catalog.store().renameLocation(location, newName);
            }
            catch (CatalogException e) {
                if (e.reason() == CatalogException.Reason.ALREADY_EXISTS) {
                    throw new OutcropException(OutcropErrorCode.LOCATION_ALREADY_EXISTS, "cannot rename location '" + name + "' to '" + newName
                            + "': a location of that name exists; drop it or choose another name");
                }
                throw e;
            }
        }
        else if (action instanceof AlterLocationAction.SetCredentials set) {
            requireExternalIdIfDemanded(account, name, set.credentials());
            SealedSecret sealed = catalog.sealer().seal(account, location.id(), set.credentials());
            update(location, new LocationRecord(location.id(), account, name, location.source(), location.url(), location.description(),
                    location.region(), location.owner(), location.created(), sealed, location.version()));
        }
        else if (action instanceof AlterLocationAction.SetUrl setUrl) {
            if (!dev.outcrop.core.location.LocationSource.valueOf(location.source()).hasUrl()) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "location '" + name + "' has SOURCE = " + location.source()
                        + ", which has no URL to set");
            }
            update(location, new LocationRecord(location.id(), account, name, location.source(), setUrl.url(), location.description(),
                    location.region(), location.owner(), location.created(), location.credentials(), location.version()));
        }
        else if (action instanceof AlterLocationAction.SetDescription setDescription) {
            update(location, new LocationRecord(location.id(), account, name, location.source(), location.url(), setDescription.description(),
                    location.region(), location.owner(), location.created(), location.credentials(), location.version()));
        }
        else if (action instanceof AlterLocationAction.OwnerTo ownerTo) {
            String owner = ownerTo.owner().value();
            if (catalog.store().findPrincipal(account, owner).isEmpty()) {
                throw new OutcropException(OutcropErrorCode.PRINCIPAL_NOT_FOUND, "cannot make '" + owner + "' the owner of location '" + name
                        + "': no user or role of that name exists; create it with CREATE USER or CREATE ROLE");
            }
            LocationRecord stored = update(location, withOwner(location, owner));
            if (catalog.store().findPrincipal(account, owner).isEmpty()) {
                // Another server dropped the new owner between the check above and the write: its DROP saw no location
                // owned, so give the location back rather than leave it to whoever is next created under that name.
                // (Read after our own write, which empties a caching store, so this look-up reaches the store itself.)
                catalog.store().updateLocation(withOwner(stored, location.owner()).withVersion(stored.version()));
                forgetCredentials(location);
                throw new OutcropException(OutcropErrorCode.PRINCIPAL_NOT_FOUND, "cannot make '" + owner + "' the owner of location '" + name
                        + "': it was dropped while the owner was being changed; the location keeps its owner '" + location.owner() + "'");
            }
        }
        forgetCredentials(location);
        return QueryResult.status("ALTER LOCATION");
    }

    private LocationRecord update(LocationRecord current, LocationRecord updated) {
        return catalog.store().updateLocation(updated.withVersion(current.version()));
    }

    private static LocationRecord withOwner(LocationRecord location, String owner) {
        return new LocationRecord(location.id(), location.accountName(), location.locationName(), location.source(), location.url(),
                location.description(), location.region(), owner, location.created(), location.credentials(), location.version());
    }

    private QueryResult dropLocation(String account, AccessControl access, DropLocation drop) {
        String name = drop.name().value();
        Optional<LocationRecord> found = catalog.findLocation(account, name).filter(access::canSee);
        if (found.isEmpty()) {
            if (drop.ifExists()) {
                return QueryResult.status("DROP LOCATION (absent, nothing done)");
            }
            throw Errors.locationNotFound(name);
        }
        LocationRecord location = found.get();
        if (!access.canModify(location)) {
            throw Errors.permissionDenied("drop", "location '" + name + "'", "the MODIFY privilege on it");
        }
        try {
            // By the record read: the store acts only if the id and version are still the ones checked above,
            // so a location dropped and created again meanwhile by another server is never dropped by mistake.
            catalog.store().deleteLocation(location);
        }
        catch (CatalogException e) {
            if (e.reason() == CatalogException.Reason.NOT_FOUND && drop.ifExists()) {
                return QueryResult.status("DROP LOCATION (absent, nothing done)");
            }
            throw e;
        }
        forgetCredentials(location);
        return QueryResult.status("DROP LOCATION");
    }

    /** No credential of the location, unsealed or assumed, may serve another call once it changed or went. */
    private void forgetCredentials(LocationRecord location) {
        credentials.invalidate(location.id(), location.version());
        catalog.forget(location.id());
        directory.invalidate(location.accountName(), location.locationName());
    }

    private QueryResult alterAccount(String account, AccessControl access, AlterAccount alter) {
        String target = alter.name().value();
        if (!target.equals(account)) {
            if (alter.ifExists()) {
                return QueryResult.status("ALTER ACCOUNT (absent, nothing done)");
            }
            // Other accounts are invisible: the same words as for one that does not exist.
            throw new OutcropException(OutcropErrorCode.ACCOUNT_NOT_FOUND, "account '" + target
                    + "' does not exist or is not yours: this session belongs to account '" + account + "'");
        }
        if (!access.isAdmin()) {
            throw Errors.permissionDenied("alter", "account '" + account + "'", "membership of the account_admin role");
        }
        AccountRecord record = catalog.account(account);
        catalog.store().updateAccount(record.withLlmTokenBudget(alter.llmTokenBudget()));
        return QueryResult.status("ALTER ACCOUNT");
    }

    /** The account's share of a key rotation: see Resealer. Blocking for as long as the account has locations to re-seal. */
    private QueryResult resealLocations(String account, AccessControl access, ResealLocations reseal) {
        String target = reseal.account().value();
        if (!target.equals(account)) {
            if (reseal.ifExists()) {
                return QueryResult.status("ALTER ACCOUNT (absent, nothing done)");
            }
            throw new OutcropException(OutcropErrorCode.ACCOUNT_NOT_FOUND, "account '" + target
                    + "' does not exist or is not yours: this session belongs to account '" + account + "'");
        }
        if (!access.isAdmin()) {
            throw Errors.permissionDenied("re-seal the locations of", "account '" + account + "'", "membership of the account_admin role");
        }
        dev.outcrop.core.security.ResealProgress done = new dev.outcrop.core.internal.seal.Resealer(catalog.store(), catalog.sealer(),
                catalog.sealer().primaryKeyId()).run(java.util.List.of(account), progress -> { });
        return QueryResult.status("ALTER ACCOUNT RESEAL LOCATIONS: " + done.summary());
    }

    private QueryResult createPrincipal(String account, AccessControl access, CreatePrincipal create) {
        requireAdmin(access, "create users and roles");
        String name = create.name().value();
        String serviceAccount = create.serviceAccount() == null ? null : create.serviceAccount().value();
        if (serviceAccount != null) {
            serviceAccounts.requireLinkable(account, name, serviceAccount);   // before the user is made, so a refusal leaves nothing behind
        }
        try {
            catalog.store().createPrincipal(new PrincipalRecord(account, name, PrincipalRecord.Kind.valueOf(create.kind().name()), clock.instant()));
        }
        catch (CatalogException e) {
            if (e.reason() != CatalogException.Reason.ALREADY_EXISTS) {
                throw e;
            }
            if (!create.ifNotExists()) {
                throw new OutcropException(OutcropErrorCode.PRINCIPAL_ALREADY_EXISTS, "a user or role named '" + name
                        + "' already exists: choose another name or add IF NOT EXISTS");
            }
            if (serviceAccount != null) {
                return QueryResult.status("CREATE " + create.kind() + " (exists, service account not linked)");
            }
        }
        if (serviceAccount != null) {
            serviceAccounts.linkUser(account, name, serviceAccount);
        }
        return QueryResult.status("CREATE " + create.kind());
    }

    private QueryResult dropPrincipal(String account, AccessControl access, DropPrincipal drop) {
        requireAdmin(access, "drop users and roles");
        String name = drop.name().value();
        Optional<PrincipalRecord> found = catalog.store().findPrincipal(account, name);
        if (found.isEmpty() || !found.get().kind().name().equals(drop.kind().name())) {
            if (drop.ifExists()) {
                return QueryResult.status("DROP " + drop.kind() + " (absent, nothing done)");
            }
            throw new OutcropException(OutcropErrorCode.PRINCIPAL_NOT_FOUND, drop.kind().name().toLowerCase(Locale.ROOT) + " '" + name + "' does not exist");
        }
        // Ownership is recorded by name: a principal dropped while it owns locations would hand them to whoever is next
        // created under its name. So, as in Firebolt, it must give them away or drop them first.
        List<String> owned = ownedLocations(account, name);
        if (!owned.isEmpty()) {
            throw ownsLocations(drop, owned, false);
        }
        catalog.store().deletePrincipal(account, name);
        List<String> ownedMeanwhile = ownedLocations(account, name);
        if (!ownedMeanwhile.isEmpty()) {
            // Another server gave it a location (or it created one) between the check and the delete. Put the principal
            // back so that those locations keep an owner that exists; its grants and role memberships are gone with the drop.
            try {
                catalog.store().createPrincipal(found.get());
            }
            catch (CatalogException e) {
                if (e.reason() != CatalogException.Reason.ALREADY_EXISTS) {
                    throw e;
                }
            }
            throw ownsLocations(drop, ownedMeanwhile, true);
        }
        // A service account acting as this user stops acting as anyone: a user created later under the same name
        // must not inherit it.
        serviceAccounts.unlinkUser(account, name);
        return QueryResult.status("DROP " + drop.kind());
    }

    /** The names of the locations the principal owns itself (not through a role), sorted. */
    private List<String> ownedLocations(String account, String principal) {
        return catalog.store().listLocations(account).stream()
                .filter(location -> location.owner().equals(principal))
                .map(LocationRecord::locationName)
                .sorted()
                .toList();
    }

    private static OutcropException ownsLocations(DropPrincipal drop, List<String> owned, boolean recreated) {
        String kind = drop.kind().name().toLowerCase(Locale.ROOT);
        String name = drop.name().value();
        StringBuilder message = new StringBuilder("cannot drop ").append(kind).append(" '").append(name).append("': it owns ")
                .append(owned.size() == 1 ? "location " : owned.size() + " locations: ");
        message.append(owned.stream().limit(OWNED_NAMES_SHOWN).map(location -> "'" + location + "'").collect(Collectors.joining(", ")));
        if (owned.size() > OWNED_NAMES_SHOWN) {
            message.append(" and ").append(owned.size() - OWNED_NAMES_SHOWN).append(" more (SELECT location_name FROM information_schema.locations"
                    + " WHERE location_owner = '").append(name.replace("'", "''")).append("')");
        }
        if (recreated) {
            message.append(", given to it by another statement while it was being dropped, so it has been created again"
                    + " (without its former grants and role memberships)");
        }
        String first = Identifier.of(owned.get(0)).toSql();
        message.append(". Give ").append(owned.size() == 1 ? "it" : "each").append(" a new owner (ALTER LOCATION ").append(first)
                .append(" OWNER TO <user_or_role>) or drop ").append(owned.size() == 1 ? "it" : "each").append(" (DROP LOCATION ").append(first)
                .append("), then run DROP ").append(drop.kind()).append(' ').append(drop.name().toSql()).append(" again");
        return new OutcropException(OutcropErrorCode.PRINCIPAL_OWNS_OBJECTS, message.toString());
    }

    private QueryResult grant(String account, AccessControl access, String privilege, GrantObjectType type, String objectName,
                              String grantee, boolean add) {
        LocationRecord location = null;
        if (type == GrantObjectType.LOCATION) {
            location = catalog.findLocation(account, objectName).filter(access::canSee).orElseThrow(() -> Errors.locationNotFound(objectName));
        }
        else if (!objectName.equals(account)) {
            throw new OutcropException(OutcropErrorCode.ACCOUNT_NOT_FOUND, "account '" + objectName
                    + "' does not exist or is not yours: this session belongs to account '" + account + "'");
        }
        if (!access.canGrant(type, location)) {
            throw Errors.permissionDenied(add ? "grant" : "revoke", privilege + " on " + type + " " + objectName,
                    type == GrantObjectType.LOCATION ? "ownership of the location" : "membership of the account_admin role");
        }
        requirePrincipal(account, grantee);
        GrantRecord grant = new GrantRecord(account, privilege, type.name(), objectName, grantee);
        if (add) {
            catalog.store().addGrant(grant);
        }
        else {
            catalog.store().removeGrant(grant);
        }
        return QueryResult.status(add ? "GRANT" : "REVOKE");
    }

    private QueryResult roleMembership(String account, AccessControl access, String role, String member, boolean add) {
        requireAdmin(access, add ? "grant roles" : "revoke roles");
        PrincipalRecord roleRecord = requirePrincipal(account, role);
        if (roleRecord.kind() != PrincipalRecord.Kind.ROLE) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "'" + role + "' is a user, not a role: only roles can be granted");
        }
        requirePrincipal(account, member);
        RoleMembership membership = new RoleMembership(account, role, member);
        if (add) {
            catalog.store().addRoleMembership(membership);
        }
        else {
            catalog.store().removeRoleMembership(membership);
        }
        return QueryResult.status(add ? "GRANT ROLE" : "REVOKE ROLE");
    }

    private PrincipalRecord requirePrincipal(String account, String name) {
        CatalogStore store = catalog.store();
        return store.findPrincipal(account, name).orElseThrow(() -> new OutcropException(OutcropErrorCode.PRINCIPAL_NOT_FOUND,
                "no user or role named '" + name + "' exists: create it with CREATE USER " + name + " or CREATE ROLE " + name));
    }

    private static void requireAdmin(AccessControl access, String action) {
        if (!access.isAdmin()) {
            throw Errors.permissionDenied(action, "in this account", "membership of the account_admin role");
        }
    }
}
