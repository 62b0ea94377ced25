package dev.outcrop.core.internal.select;

import dev.outcrop.core.internal.budget.BudgetLedger;
import dev.outcrop.core.internal.plan.Scope;
import dev.outcrop.core.internal.plan.StatementContext;
import dev.outcrop.core.internal.run.QueryRegistry;
import dev.outcrop.core.internal.run.StatementRun;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import dev.outcrop.core.query.QueryProgress;

/**
 * The {@code information_schema} views: {@code locations}, {@code accounts}, {@code quotas} and
 * {@code engine_running_queries}, with or
 * without a database prefix ({@code org_db.}, {@code account_db.}, or the session's database). A caller
 * sees only its own account, and only the locations it owns or holds a privilege on.
 */
public final class InformationSchema {

    private static final List<String> VIEWS = List.of("locations", "accounts", "quotas", "engine_running_queries", "service_accounts");

    private InformationSchema() {
    }

    /** The rows of the named view, as a scope and rows. Blocking. */
    static Table read(Relation.TableName table, StatementContext context, BudgetLedger budget, QueryRegistry registry) {
        List<Identifier> parts = table.parts();
        int n = parts.size();
        if (n < 2 || n > 3 || !parts.get(n - 2).value().equals("information_schema") || !VIEWS.contains(parts.get(n - 1).value())) {
            throw new OutcropException(OutcropErrorCode.UNKNOWN_TABLE, "table '" + String.join(".", parts.stream().map(Identifier::value).toList())
                    + "' does not exist: the tables are information_schema.locations, information_schema.accounts, information_schema.quotas"
                    + ", information_schema.engine_running_queries and information_schema.service_accounts"
                    + " (optionally prefixed by a database such as org_db. or account_db.), or (VALUES …) AS t(…)");
        }
        String view = parts.get(n - 1).value();
        return switch (view) {
            case "locations" -> locations(context);
            case "accounts" -> accounts(context);
            case "engine_running_queries" -> runningQueries(context, registry);
            case "service_accounts" -> serviceAccounts(context);
            default -> quotas(context, budget);
        };
    }

    /** Rows and the columns they fill. */
    record Table(Scope scope, List<Object[]> rows) {
    }

    private static Table locations(StatementContext context) {
        Scope scope = new Scope("locations",
                List.of("location_name", "source", "url", "description", "location_owner", "created", "ddl"),
                List.<SqlType>of(ScalarType.TEXT, ScalarType.TEXT, ScalarType.TEXT, ScalarType.TEXT, ScalarType.TEXT, ScalarType.TIMESTAMPTZ, ScalarType.TEXT));
        List<Object[]> rows = new ArrayList<>();
        for (LocationRecord location : context.catalog().store().listLocations(context.account().accountName())) {
            if (!context.access().canSee(location)) {
                continue;
            }
            String ddl;
            try {
                ddl = maskedDdl(location, context.catalog().unseal(location));
            }
            catch (OutcropException e) {
                if (!e.errorCode().equals(OutcropErrorCode.LOCATION_CREDENTIALS_UNREADABLE.toErrorCode())) {
                    throw e;
                }
                // Listed all the same: one row this server cannot unseal must not hide the others from everyone.
                ddl = unreadableDdl(location);
            }
            rows.add(new Object[] {location.locationName(), location.source(), location.url(), location.description(), location.owner(),
                location.created(), ddl});
        }
        return new Table(scope, rows);
    }

    private static Table accounts(StatementContext context) {
        // external_id: what the account's customers put in their roles' trust policies (sts:ExternalId). Only the
        // account's own sessions see it, as they see only their own account.
        Scope scope = new Scope("accounts", List.of("account_name", "region", "trust_policy_role", "created", "external_id"),
                List.<SqlType>of(ScalarType.TEXT, ScalarType.TEXT, ScalarType.TEXT, ScalarType.TIMESTAMPTZ, ScalarType.TEXT));
        AccountRecord account = context.account();
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {account.accountName(), account.region(), account.trustPolicyRole(), account.created(), account.externalId()});
        return new Table(scope, rows);
    }

    /**
     * Firebolt's columns, then Outcrop's progress columns. An account admin sees every query of the
     * account; anyone else sees their own.
     */
    private static Table runningQueries(StatementContext context, QueryRegistry registry) {
        Scope scope = new Scope("engine_running_queries",
                List.of("account_name", "user_name", "submitted_time", "start_time", "duration_us", "status", "request_id", "query_id", "query_label",
                        "query_text", "scanned_rows", "scanned_bytes", "inserted_rows", "inserted_bytes", "retries",
                        "rows_done", "rows_total", "calls_in_flight", "calls_waiting", "calls_made", "throttles", "failed_rows", "tokens_used"),
                List.<SqlType>of(ScalarType.TEXT, ScalarType.TEXT, ScalarType.TIMESTAMPTZ, ScalarType.TIMESTAMPTZ, ScalarType.BIGINT, ScalarType.TEXT,
                        ScalarType.TEXT, ScalarType.TEXT, ScalarType.TEXT, ScalarType.TEXT, ScalarType.BIGINT, ScalarType.BIGINT, ScalarType.BIGINT,
                        ScalarType.BIGINT, ScalarType.BIGINT, ScalarType.BIGINT, ScalarType.BIGINT, ScalarType.BIGINT, ScalarType.BIGINT, ScalarType.BIGINT,
                        ScalarType.BIGINT, ScalarType.BIGINT, ScalarType.BIGINT));
        boolean admin = context.access().isAdmin();
        java.time.Instant now = java.time.Instant.now();
        List<Object[]> rows = new ArrayList<>();
        for (StatementRun run : registry.ofAccount(context.account().accountName())) {
            if (!admin && !run.userName().equals(context.session().principalName())) {
                continue;
            }
            QueryProgress progress = run.progress();
            long durationUs = java.time.Duration.between(run.submitted(), now).toNanos() / 1000;
            rows.add(new Object[] {run.accountName(), run.userName(), run.submitted(), run.submitted(), Math.max(0, durationUs),
                run.isStopped() ? "CANCELLING" : "RUNNING", run.queryId(), run.queryId(), run.queryLabel(), run.queryText(),
                progress.rowsDone(), 0L, 0L, 0L, progress.retries(),
                progress.rowsDone(), progress.rowsTotal(), (long) progress.callsInFlight(), (long) progress.callsWaiting(), progress.callsMade(),
                progress.throttles(), progress.failedRows(), progress.tokensUsed()});
        }
        return new Table(scope, rows);
    }

    /**
     * Firebolt's columns that mean something here, then Outcrop's: {@code user_name} (the user it acts as) and
     * {@code has_key}. An account admin sees every service account of the account; anyone else sees those
     * acting as themselves. Never the secret or its hash.
     */
    private static Table serviceAccounts(StatementContext context) {
        Scope scope = new Scope("service_accounts",
                List.of("service_account_id", "service_account_name", "service_account_description", "is_organization_admin", "is_enabled",
                        "created", "user_name", "has_key"),
                List.<SqlType>of(ScalarType.TEXT, ScalarType.TEXT, ScalarType.TEXT, ScalarType.BOOLEAN, ScalarType.BOOLEAN, ScalarType.TIMESTAMPTZ,
                        ScalarType.TEXT, ScalarType.BOOLEAN));
        boolean admin = context.access().isAdmin();
        String me = context.session().principalName();
        List<Object[]> rows = new ArrayList<>();
        for (ServiceAccountRecord serviceAccount : context.catalog().store().listServiceAccounts(context.account().accountName())) {
            if (!admin && !me.equals(serviceAccount.userName())) {
                continue;
            }
            rows.add(new Object[] {serviceAccount.id(), serviceAccount.name(), serviceAccount.description(), false, true,
                serviceAccount.created(), serviceAccount.userName(), serviceAccount.keyId() != null});
        }
        return new Table(scope, rows);
    }

    private static Table quotas(StatementContext context, BudgetLedger budget) {
        Scope scope = new Scope("quotas", List.of("name", "units", "limit", "usage"),
                List.<SqlType>of(ScalarType.TEXT, ScalarType.TEXT, ScalarType.BIGINT, ScalarType.BIGINT));
        AccountRecord account = context.account();
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"LLM_TOKEN_BUDGET", "tokens", account.llmTokenBudget(), budget.usageToday(account.accountName())});
        return new Table(scope, rows);
    }

    /** A CREATE LOCATION statement for the location with every credential value replaced by '****'. */
    static String maskedDdl(LocationRecord location, LocationCredentials credentials) {
        StringBuilder ddl = new StringBuilder("CREATE LOCATION ").append(identifier(location.locationName()))
                .append(" WITH SOURCE = ").append(location.source()).append(" CREDENTIALS = (");
        for (String key : credentials.maskedKeys()) {
            ddl.append(' ').append(key).append(" = '****'");
        }
        ddl.append(" )");
        return withOptions(ddl, location);
    }

    /** The DDL of a location whose credentials this server cannot unseal: which keys they hold is unknown, the key id is not. */
    static String unreadableDdl(LocationRecord location) {
        StringBuilder ddl = new StringBuilder("CREATE LOCATION ").append(identifier(location.locationName()))
                .append(" WITH SOURCE = ").append(location.source()).append(" CREDENTIALS = ( /* sealed with key '")
                .append(location.credentials().keyId()).append("', which this server cannot unseal */ )");
        return withOptions(ddl, location);
    }

    private static String withOptions(StringBuilder ddl, LocationRecord location) {
        if (location.url() != null) {
            ddl.append(" URL = ").append(quote(location.url()));
        }
        if (location.description() != null) {
            ddl.append(" DESCRIPTION = ").append(quote(location.description()));
        }
        if (location.region() != null) {
            ddl.append(" REGION = ").append(quote(location.region()));
        }
        return ddl.toString();
    }

    private static String identifier(String name) {
        return Identifier.of(name).toSql();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
