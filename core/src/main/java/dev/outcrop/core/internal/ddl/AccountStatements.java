package dev.outcrop.core.internal.ddl;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.internal.access.AccessControl;
import dev.outcrop.core.internal.access.Errors;
import dev.outcrop.core.internal.credentials.ExternalIds;
import dev.outcrop.core.internal.identity.ServiceAccountStatements;
import dev.outcrop.core.internal.run.SessionState;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.security.BuiltInRoles;
import dev.outcrop.core.security.Organization;
import dev.outcrop.core.security.TrustPrincipals;
import dev.outcrop.core.security.TrustSettings;
import dev.outcrop.core.statement.CallProcedure;
import dev.outcrop.core.statement.CreateAccount;
import dev.outcrop.core.statement.CreateServiceAccount;
import dev.outcrop.core.statement.DropAccount;
import dev.outcrop.core.type.ScalarType;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code CREATE ACCOUNT} and {@code DROP ACCOUNT}, by the organisation's administrators (see {@link Organization}).
 *
 * <p>Firebolt's logins and service accounts live above accounts; Outcrop's live in one account each. So that a new
 * account can be used at once, CREATE ACCOUNT also makes its first administrator: the role account_admin, a user of the
 * creator's name in it, and a service account {@value #ADMIN_SERVICE_ACCOUNT} acting as that user, whose client id and
 * secret the statement answers, once, as {@code fb_GENERATESERVICEACCOUNTKEY} does.
 */
public final class AccountStatements {

    /** The service account CREATE ACCOUNT makes in the new account for its first administrator. */
    public static final String ADMIN_SERVICE_ACCOUNT = "account_admin";
    /** {@code AccountSpec.ACCOUNT_PLACEHOLDER}; the API package is not used from here (it uses the internals). */
    private static final String PLACEHOLDER = "{account}";

    private final CatalogStore store;
    private final Clock clock;
    private final Organization organization;
    private final TrustSettings trust;
    private final long defaultTokenBudget;
    private final ServiceAccountStatements serviceAccounts;
    private final Consumer<AccountRecord> dropped;

    /** @param dropped told of each account DROP ACCOUNT has deleted (the budget ledger, which forgets its leases) */
    public AccountStatements(CatalogStore store, Clock clock, Organization organization, TrustSettings trust, long defaultTokenBudget,
                             Consumer<AccountRecord> dropped) {
        this.dropped = java.util.Objects.requireNonNull(dropped, "dropped is null");
        this.store = store;
        this.clock = clock;
        this.organization = organization;
        this.trust = trust;
        this.defaultTokenBudget = defaultTokenBudget;
        this.serviceAccounts = new ServiceAccountStatements(store, clock);
    }

    QueryResult create(SessionState session, AccessControl access, CreateAccount create) {
        requireOrganizationAdmin(session, access, "create accounts");
        String name = create.name().value();
        if (store.findAccount(name).isPresent()) {
            if (create.ifNotExists()) {
                return QueryResult.status("CREATE ACCOUNT (exists, nothing done)");
            }
            throw new OutcropException(OutcropErrorCode.ACCOUNT_ALREADY_EXISTS, "account '" + name + "' already exists: choose another name, "
                    + "or add IF NOT EXISTS");
        }
        String region = create.region() != null ? create.region() : organization.defaultRegion();
        if (region.isBlank()) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "the region of account '" + name + "' is blank: write WITH REGION = "
                    + "'us-east-1', or leave it out for '" + organization.defaultRegion() + "'");
        }
        // As AccountSpec.fromTemplate: the placeholder stands for the name, and a template without one is the same for every account.
        String trustPolicyRole = organization.trustPolicyRoleTemplate().replace(PLACEHOLDER, name);
        if (!dev.outcrop.core.location.RoleCredentials.isRoleArn(trustPolicyRole)) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "account '" + name + "' would have the trust principal '"
                    + trustPolicyRole + "', which is not an IAM role ARN: choose a name of letters, digits and underscores");
        }
        TrustPrincipals.refuseShared(trust, store, name, trustPolicyRole);
        try {
            store.createAccount(new AccountRecord(name, region, trustPolicyRole, defaultTokenBudget, clock.instant(), 1,
                    ExternalIds.generate()));
        }
        catch (CatalogException e) {
            if (e.reason() == CatalogException.Reason.ALREADY_EXISTS) {
                if (create.ifNotExists()) {
                    return QueryResult.status("CREATE ACCOUNT (exists, nothing done)");
                }
                throw new OutcropException(OutcropErrorCode.ACCOUNT_ALREADY_EXISTS, "account '" + name + "' was just created by another statement");
            }
            throw e;
        }
        String admin = session.principalName();
        store.createPrincipal(new PrincipalRecord(name, BuiltInRoles.ACCOUNT_ADMIN, PrincipalRecord.Kind.ROLE, clock.instant()));
        store.createPrincipal(new PrincipalRecord(name, admin, PrincipalRecord.Kind.USER, clock.instant()));
        store.addRoleMembership(new RoleMembership(name, BuiltInRoles.ACCOUNT_ADMIN, admin));
        AccessControl newAdmin = AccessControl.of(store, name, admin);
        serviceAccounts.create(name, newAdmin, new CreateServiceAccount(Identifier.of(ADMIN_SERVICE_ACCOUNT), false,
                "the first administrator of account " + name + ", made by CREATE ACCOUNT"));
        serviceAccounts.linkUser(name, admin, ADMIN_SERVICE_ACCOUNT);
        QueryResult key = serviceAccounts.call(name, newAdmin, new CallProcedure(Identifier.of(ServiceAccountStatements.GENERATE_KEY),
                List.of(new StringLiteral(ADMIN_SERVICE_ACCOUNT))));
        return new QueryResult(List.of(new Column("account_name", ScalarType.TEXT), new Column("region", ScalarType.TEXT),
                new Column("trust_policy_role", ScalarType.TEXT), new Column("user_name", ScalarType.TEXT),
                new Column("service_account_name", ScalarType.TEXT), new Column("service_account_id", ScalarType.TEXT),
                new Column("secret", ScalarType.TEXT)),
                List.of(Row.of(name, region, trustPolicyRole, admin, key.value(0, 0), key.value(0, 1), key.value(0, 2))),
                "CREATE ACCOUNT");
    }

    QueryResult drop(SessionState session, AccessControl access, DropAccount drop, Consumer<LocationRecord> forget) {
        requireOrganizationAdmin(session, access, "drop accounts");
        String name = drop.name().value();
        if (name.equals(organization.adminAccount())) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "account '" + name + "' is the organisation's own: its account_admin "
                    + "members administer the organisation, so it cannot be dropped");
        }
        java.util.Optional<AccountRecord> account = store.findAccount(name);
        if (account.isEmpty()) {
            if (drop.ifExists()) {
                return QueryResult.status("DROP ACCOUNT (absent, nothing done)");
            }
            throw new OutcropException(OutcropErrorCode.ACCOUNT_NOT_FOUND, "account '" + name + "' does not exist: "
                    + "SELECT account_name FROM information_schema.accounts lists them, or add IF EXISTS");
        }
        List<LocationRecord> locations = store.listLocations(name);
        try {
            store.deleteAccount(name);
        }
        catch (UnsupportedOperationException e) {
            throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, "this catalog cannot drop accounts: " + e.getMessage());
        }
        catch (CatalogException e) {
            if (e.reason() == CatalogException.Reason.NOT_FOUND && drop.ifExists()) {
                return QueryResult.status("DROP ACCOUNT (absent, nothing done)");
            }
            throw e;
        }
        // Cached credentials and lookups of its locations must not outlive them, nor this server's token leases its usage.
        locations.forEach(forget);
        dropped.accept(account.get());
        return QueryResult.status("DROP ACCOUNT");
    }

    private void requireOrganizationAdmin(SessionState session, AccessControl access, String action) {
        if (organization == null) {
            throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, "this deployment names no organisation account, so accounts are made "
                    + "only by its configuration: give Outcrop.Builder.organization(...) (the HTTP service does) to " + action + " in SQL");
        }
        if (!session.accountName().equals(organization.adminAccount()) || !access.isAdmin()) {
            throw Errors.permissionDenied(action, "in this organisation", "membership of account_admin in the organisation's account '"
                    + organization.adminAccount() + "'");
        }
    }
}
