package dev.outcrop.core.internal.identity;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Literal;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.internal.access.AccessControl;
import dev.outcrop.core.internal.access.Errors;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.statement.CallProcedure;
import dev.outcrop.core.statement.CreateServiceAccount;
import dev.outcrop.core.statement.DropServiceAccount;
import dev.outcrop.core.type.ScalarType;
import java.time.Clock;
import java.util.List;

/**
 * {@code CREATE SERVICE ACCOUNT}, {@code DROP SERVICE ACCOUNT}, the key procedures
 * ({@code CALL fb_GENERATESERVICEACCOUNTKEY('sa')}, {@code CALL fb_DELETESERVICEACCOUNTKEY('sa')}) and
 * linking a user with {@code CREATE USER u WITH SERVICE_ACCOUNT = sa}. All need membership of
 * account_admin (Firebolt asks for org_admin: Outcrop has no organisation level). Blocking, and
 * hashing a new secret is CPU-heavy: runs on the engine's executor.
 */
public final class ServiceAccountStatements {

    public static final String GENERATE_KEY = "fb_generateserviceaccountkey";
    public static final String DELETE_KEY = "fb_deleteserviceaccountkey";
    /** 48 random bytes: 384 bits, far beyond guessing. */
    private static final int SECRET_BYTES = 48;

    private final CatalogStore store;
    private final Clock clock;

    public ServiceAccountStatements(CatalogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public QueryResult create(String account, AccessControl access, CreateServiceAccount create) {
        requireAdmin(access, "create service accounts");
        String name = create.name().value();
        ServiceAccountRecord record = new ServiceAccountRecord(SecretHashing.randomHex(16), account, name, create.description(), null, null, null,
                clock.instant(), 1);
        try {
            store.createServiceAccount(record);
        }
        catch (CatalogException e) {
            if (e.reason() != CatalogException.Reason.ALREADY_EXISTS || store.findServiceAccount(account, name).isEmpty()) {
                throw e;
            }
            if (!create.ifNotExists()) {
                throw new OutcropException(OutcropErrorCode.SERVICE_ACCOUNT_ALREADY_EXISTS, "service account '" + name
                        + "' already exists: choose another name or add IF NOT EXISTS");
            }
        }
        return QueryResult.status("CREATE SERVICE ACCOUNT");
    }

    public QueryResult drop(String account, AccessControl access, DropServiceAccount drop) {
        requireAdmin(access, "drop service accounts");
        String name = drop.name().value();
        try {
            store.deleteServiceAccount(account, name);
        }
        catch (CatalogException e) {
            if (e.reason() != CatalogException.Reason.NOT_FOUND) {
                throw e;
            }
            if (!drop.ifExists()) {
                throw notFound(name);
            }
            return QueryResult.status("DROP SERVICE ACCOUNT (absent, nothing done)");
        }
        return QueryResult.status("DROP SERVICE ACCOUNT");
    }

    public QueryResult call(String account, AccessControl access, CallProcedure call) {
        String procedure = call.procedure().value();
        if (!procedure.equals(GENERATE_KEY) && !procedure.equals(DELETE_KEY)) {
            throw new OutcropException(OutcropErrorCode.UNKNOWN_FUNCTION, "procedure '" + procedure + "' does not exist: the procedures are "
                    + "fb_GENERATESERVICEACCOUNTKEY('<service account>') and fb_DELETESERVICEACCOUNTKEY('<service account>')");
        }
        String name = serviceAccountArgument(call);
        requireAdmin(access, procedure.equals(GENERATE_KEY) ? "generate service account keys" : "delete service account keys");
        ServiceAccountRecord current = store.findServiceAccount(account, name).orElseThrow(() -> notFound(name));
        if (procedure.equals(DELETE_KEY)) {
            store.updateServiceAccount(current.withKey(null, null));
            return QueryResult.status("CALL " + procedure.toUpperCase(java.util.Locale.ROOT));
        }
        String secret = SecretHashing.randomText(SECRET_BYTES);
        // A compare-and-set: of two concurrent calls one wins and the other fails, so no caller is handed a secret
        // that was replaced before it was shown.
        ServiceAccountRecord stored = store.updateServiceAccount(current.withKey(SecretHashing.randomHex(8), SecretHashing.hash(secret)));
        return new QueryResult(
                List.of(new Column("service_account_name", ScalarType.TEXT), new Column("service_account_id", ScalarType.TEXT),
                        new Column("secret", ScalarType.TEXT)),
                List.of(Row.of(stored.name(), stored.id(), secret)), "CALL FB_GENERATESERVICEACCOUNTKEY");
    }

    /**
     * Links a user just created to a service account. The service account must exist and have no other
     * user: one service account acts as one user.
     */
    public void linkUser(String account, String userName, String serviceAccountName) {
        store.updateServiceAccount(requireLinkable(account, userName, serviceAccountName).withUser(userName));
    }

    /**
     * The service account, if {@code userName} may be linked to it: it exists, and acts as no other user
     * that exists. Throws otherwise, naming the fix.
     */
    public ServiceAccountRecord requireLinkable(String account, String userName, String serviceAccountName) {
        ServiceAccountRecord current = store.findServiceAccount(account, serviceAccountName).orElseThrow(() -> notFound(serviceAccountName));
        if (current.userName() != null && !current.userName().equals(userName)
                && store.findPrincipal(account, current.userName()).filter(p -> p.kind() == PrincipalRecord.Kind.USER).isPresent()) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "service account '" + serviceAccountName + "' already acts as user '"
                    + current.userName() + "': drop that user first, or create another service account");
        }
        return current;
    }

    /** Unlinks every service account of the account that acts as {@code userName}. */
    public void unlinkUser(String account, String userName) {
        for (ServiceAccountRecord serviceAccount : store.listServiceAccounts(account)) {
            if (userName.equals(serviceAccount.userName())) {
                store.updateServiceAccount(serviceAccount.withUser(null));
            }
        }
    }

    private static String serviceAccountArgument(CallProcedure call) {
        List<Literal> arguments = call.arguments();
        if (arguments.size() != 1 || !(arguments.get(0) instanceof StringLiteral name)) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, call.procedure().value().toUpperCase(java.util.Locale.ROOT)
                    + " takes one argument, the service account's name as a string, such as ('reporter'), but was given "
                    + arguments.size() + " argument(s)");
        }
        return name.value();
    }

    private static void requireAdmin(AccessControl access, String action) {
        if (!access.isAdmin()) {
            throw Errors.permissionDenied(action, "in this account", "membership of the account_admin role");
        }
    }

    static OutcropException notFound(String name) {
        return new OutcropException(OutcropErrorCode.SERVICE_ACCOUNT_NOT_FOUND, "service account '" + name
                + "' does not exist: list them with SELECT service_account_name FROM information_schema.service_accounts,"
                + " or create it with CREATE SERVICE ACCOUNT " + name);
    }
}
