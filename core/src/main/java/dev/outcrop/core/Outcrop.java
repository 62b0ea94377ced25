package dev.outcrop.core;

import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.internal.engine.Engine;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.ObjectStorage;
import dev.outcrop.core.port.RoleAssumer;
import dev.outcrop.core.security.BuiltInRoles;
import dev.outcrop.core.security.ResealProgress;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.security.TrustPrincipals;
import dev.outcrop.core.security.TrustSettings;
import dev.outcrop.core.spi.EmbeddingModel;
import dev.outcrop.core.spi.StatementParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.Optional;
import dev.outcrop.core.identity.ServiceAccountIdentity;

/**
 * The SDK's entry point: runs SQL statements about locations and AI functions against a catalog and
 * a model runtime.
 *
 * <pre>{@code
 * try (Outcrop outcrop = Outcrop.builder()
 *         .catalog(store)
 *         .modelRuntime(bedrock)
 *         .roleAssumer(sts)
 *         .deploymentCredentials(credentials)
 *         .sealingKeys(SealingKeys.parse(System.getenv("OUTCROP_SEALING_KEYS")))   // or SealingKeys.ephemeral() for a demo
 *         .build()) {
 *     outcrop.createAccount(new AccountSpec("my_account", "us-east-1", trustRoleArn, 100_000L), "admin");  // a daily token budget
 *     Session session = outcrop.openSession("my_account", "admin");
 *     session.execute("CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '...' )")
 *             .toCompletableFuture().join();
 *     QueryResult result = session.execute("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', '<json body>', 'bedrock_role')")
 *             .toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p>README.md has the whole example, compiled and run by a test.
 *
 * <p>{@link Builder#build()} registers the sealing keys with the catalog, or checks them against the keys
 * registered there, and refuses to build ({@code SEALING_KEY_MISMATCH}) with a key that is not the one
 * registered under its id. It blocks for that: build at start-up.
 *
 * <p>Ownership: the catalog, model runtime and role assumer are the caller's; {@link #close()} does not
 * close them. Outcrop is thread-safe; share one instance.
 */
public final class Outcrop implements AutoCloseable {

    /** The built-in role whose members may do everything in their account. */
    public static final String ACCOUNT_ADMIN_ROLE = BuiltInRoles.ACCOUNT_ADMIN;

    private final Engine engine;
    private final CatalogStore catalog;
    private final Clock clock;
    private final TrustSettings trustSettings;

    private Outcrop(Builder builder) {
        this.catalog = requireNonNull(builder.catalog, "catalog is required: call Builder.catalog(...)");
        this.clock = builder.clock;
        this.trustSettings = builder.trustSettings;
        SealingKeys keys = requireNonNull(builder.sealingKeys, "sealingKeys is required: call Builder.sealingKeys(...)");
        StatementParser parser = builder.statementParser != null ? builder.statementParser : loadParser();
        List<EmbeddingModel> embeddingModels = new ArrayList<>(builder.embeddingModels);
        this.engine = new Engine(new Engine.Settings(
                catalog, builder.modelRuntime, builder.roleAssumer, builder.deploymentCredentials, keys, parser,
                clock, builder.executor, builder.defaultTokenBudget, builder.credentialRefreshAhead,
                builder.assumedRoleDuration, embeddingModels, builder.limits, builder.trustSettings, builder.userFilesDirectory,
                builder.objectStorage, builder.aiMetrics, builder.organization));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session for a principal of an account. Sessions are cheap; open one per request or per
     * connection.
     */
    public Session openSession(String accountName, String principalName) {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(principalName, "principalName is null");
        return new Session(engine, accountName, principalName);
    }

    /**
     * Creates an account with its administrator (a user that is a member of {@value #ACCOUNT_ADMIN_ROLE}),
     * or does nothing if the account exists. Blocking: call it at start-up, not on an event loop.
     */
    public void createAccount(AccountSpec spec, String adminUser) {
        requireNonNull(spec, "spec is null");
        requireNonNull(adminUser, "adminUser is null");
        try {
            java.util.Optional<AccountRecord> existing = catalog.findAccount(spec.name());
            TrustPrincipals.refuseShared(trustSettings, catalog, spec.name(),
                    existing.map(AccountRecord::trustPolicyRole).orElse(spec.trustPolicyRole()));
            if (existing.isEmpty()) {
                long budget = spec.llmTokenBudget() != null ? spec.llmTokenBudget() : engine.defaultTokenBudget();
                try {
                    catalog.createAccount(new AccountRecord(spec.name(), spec.region(), spec.trustPolicyRole(), budget, clock.instant(), 1,
                            engine.newExternalId()));
                }
                catch (CatalogException e) {
                    if (e.reason() != CatalogException.Reason.ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
            else if (existing.get().externalId() == null) {
                // Created before accounts had external IDs: give it one now. A concurrent start that did the same wins.
                try {
                    catalog.updateAccount(existing.get().withExternalId(engine.newExternalId()));
                }
                catch (CatalogException e) {
                    if (e.reason() != CatalogException.Reason.VERSION_CONFLICT) {
                        throw e;
                    }
                }
            }
            ensurePrincipal(spec.name(), ACCOUNT_ADMIN_ROLE, PrincipalRecord.Kind.ROLE);
            ensurePrincipal(spec.name(), adminUser, PrincipalRecord.Kind.USER);
            catalog.addRoleMembership(new RoleMembership(spec.name(), ACCOUNT_ADMIN_ROLE, adminUser));
        }
        catch (CatalogException e) {
            throw engine.catalogError(e, "creating account '" + spec.name() + "'");
        }
    }

    private void ensurePrincipal(String account, String name, PrincipalRecord.Kind kind) {
        if (catalog.findPrincipal(account, name).isEmpty()) {
            try {
                catalog.createPrincipal(new PrincipalRecord(account, name, kind, clock.instant()));
            }
            catch (CatalogException e) {
                if (e.reason() != CatalogException.Reason.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Checks a service account's client id and secret (as {@code POST /oauth/token} receives them). Completes
     * with the identity they prove, or empty if the client id is unknown, the secret wrong, the service
     * account has no key or no user, or its user or account is gone. The check is deliberately slow (a
     * salted PBKDF2 hash) and runs on Outcrop's executor.
     */
    public CompletionStage<Optional<ServiceAccountIdentity>> authenticateServiceAccount(String clientId, String secret) {
        requireNonNull(clientId, "clientId is null");
        requireNonNull(secret, "secret is null");
        return engine.authenticateServiceAccount(clientId, secret);
    }

    /**
     * Whether a token issued to a service account under the key {@code keyId} is still good: completes
     * with the identity if that key is still the service account's current one and its user and account
     * exist, or empty once the key was replaced or deleted, or the service account dropped. One catalog
     * read, on Outcrop's executor; callers may cache the answer briefly.
     */
    public CompletionStage<Optional<ServiceAccountIdentity>> serviceAccountKey(String clientId, String keyId) {
        requireNonNull(clientId, "clientId is null");
        requireNonNull(keyId, "keyId is null");
        return engine.serviceAccountKey(clientId, keyId);
    }

    /**
     * Cancels a running query of this process by its query id, whoever started it: for operators. Users
     * cancel their own with {@link Session#cancel(String)}.
     *
     * @return true if a running query was cancelled
     */
    public boolean cancel(String queryId) {
        requireNonNull(queryId, "queryId is null");
        return engine.cancel(queryId);
    }

    /**
     * Stops a running query of this process by its query id, failing it with {@code reason} rather than
     * {@code QUERY_CANCELLED}: for a server that stops statements on its own account (at its shutdown deadline), so that
     * the client reads that it was not its doing. As with {@link #cancel(String)}, no further model call is made and the
     * calls in flight are aborted; a query already stopped keeps its first reason.
     *
     * @return true if this call stopped a running query
     */
    public boolean stop(String queryId, OutcropException reason) {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(reason, "reason is null");
        return engine.stop(queryId, reason);
    }

    /** The progress of a query running in this process, if one runs under this id. */
    public java.util.Optional<dev.outcrop.core.query.QueryProgress> progress(String queryId) {
        requireNonNull(queryId, "queryId is null");
        return engine.progress(queryId);
    }

    /**
     * Seals every location of every account again with the primary sealing key, so that older keys can be
     * removed: for operators (the CLI's {@code reseal}). Safe to run while servers serve and to run again:
     * each location is written by compare-and-set, and a concurrent ALTER wins. Blocking: call it off any
     * event loop.
     *
     * @param progress told every 100 locations, and at the end
     * @return the end state; {@link ResealProgress#complete()} says whether the older keys may be removed
     */
    public ResealProgress resealLocations(java.util.function.Consumer<ResealProgress> progress) {
        requireNonNull(progress, "progress is null");
        return engine.reseal(progress);
    }

    /** How many model calls may be in flight in this process: the configured limit, capped by the model runtime's capacity. */
    public int maxCallsInFlight() {
        return engine.maxCallsInFlight();
    }

    /** Model calls in flight now in this process. */
    public int callsInFlight() {
        return engine.callsInFlight();
    }

    /**
     * The executor Outcrop runs work that may block on (the one {@link Builder#executor} set, or its own pool). A
     * statement started by a task running here plans (catalog reads included) right there, on that thread, rather than
     * being handed to another one: a server that must leave its event loop anyway to decode a request and parse its SQL
     * can do that, and start the statement, in one hand-off instead of two. Closed with Outcrop when it is Outcrop's own.
     */
    public Executor executor() {
        return engine.blockingExecutor();
    }

    /** Releases Outcrop's own threads and caches; the ports passed in stay open. */
    @Override
    public void close() {
        engine.close();
    }

    private static StatementParser loadParser() {
        return ServiceLoader.load(StatementParser.class).findFirst().orElseThrow(() -> new OutcropException(OutcropErrorCode.INTERNAL,
                "no SQL parser found: add outcrop-sql-parser to the class path, or pass one with Builder.statementParser(...)"));
    }

    /** Configures an {@link Outcrop}. Only the catalog and the sealing keys are required. */
    public static final class Builder {
        public static final long DEFAULT_TOKEN_BUDGET = 0;
        public static final Duration DEFAULT_CREDENTIAL_REFRESH_AHEAD = Duration.ofMinutes(5);
        public static final Duration DEFAULT_ASSUMED_ROLE_DURATION = Duration.ofHours(1);

        private CatalogStore catalog;
        private ModelRuntime modelRuntime;
        private dev.outcrop.core.port.AiCallMetrics aiMetrics = dev.outcrop.core.port.AiCallMetrics.NONE;
        private dev.outcrop.core.security.Organization organization;
        private RoleAssumer roleAssumer;
        private CredentialsProvider deploymentCredentials;
        private SealingKeys sealingKeys;
        private StatementParser statementParser;
        private Clock clock = Clock.systemUTC();
        private Executor executor;
        private long defaultTokenBudget = DEFAULT_TOKEN_BUDGET;
        private Duration credentialRefreshAhead = DEFAULT_CREDENTIAL_REFRESH_AHEAD;
        private Duration assumedRoleDuration = DEFAULT_ASSUMED_ROLE_DURATION;
        private final List<EmbeddingModel> embeddingModels = new ArrayList<>();
        private ExecutionLimits limits = ExecutionLimits.defaults();
        private TrustSettings trustSettings = TrustSettings.defaults();
        private Path userFilesDirectory;
        private ObjectStorage objectStorage;

        private Builder() {
        }

        /**
         * Where READ_CSV and READ_JSON read locations with {@code SOURCE = AMAZON_S3}: bedrock-client's
         * {@code S3ObjectStorage}. Unset, such reads are refused with a message that says so.
         */
        /**
         * The organisation: whose account_admin members may {@code CREATE ACCOUNT} and {@code DROP ACCOUNT}, and what a new
         * account gets. Without it, accounts are created only through {@link Outcrop#createAccount}.
         */
        public Builder organization(dev.outcrop.core.security.Organization organization) {
            this.organization = requireNonNull(organization, "organization is null");
            return this;
        }

        /** Told about every model call, for metrics; {@link dev.outcrop.core.port.AiCallMetrics#NONE} by default. */
        public Builder aiMetrics(dev.outcrop.core.port.AiCallMetrics aiMetrics) {
            this.aiMetrics = requireNonNull(aiMetrics, "aiMetrics is null");
            return this;
        }

        public Builder objectStorage(ObjectStorage storage) {
            this.objectStorage = requireNonNull(storage, "storage is null");
            return this;
        }

        /**
         * The directory whose files READ_CSV and READ_JSON may read through {@code file://} URLs. Paths are
         * relative to it; {@code ..}, absolute paths elsewhere and symbolic links that lead outside are refused.
         * Unset (the default), {@code file://} URLs are refused.
         */
        public Builder userFilesDirectory(Path directory) {
            this.userFilesDirectory = requireNonNull(directory, "directory is null");
            return this;
        }

        /** Concurrency limits, timeouts, retries and the budget's lease size; see {@link ExecutionLimits} for the defaults. */
        public Builder limits(ExecutionLimits limits) {
            this.limits = requireNonNull(limits, "limits is null");
            return this;
        }

        /** Whether accounts may share a trust principal, and whether role locations need an external ID; see {@link TrustSettings#defaults()}. */
        public Builder trustSettings(TrustSettings trustSettings) {
            this.trustSettings = requireNonNull(trustSettings, "trustSettings is null");
            return this;
        }

        /** Where accounts, locations, grants and usage live. Required. */
        public Builder catalog(CatalogStore catalog) {
            this.catalog = requireNonNull(catalog, "catalog is null");
            return this;
        }

        /** How models are called. Without one, AI functions fail with a message saying so. */
        public Builder modelRuntime(ModelRuntime modelRuntime) {
            this.modelRuntime = requireNonNull(modelRuntime, "modelRuntime is null");
            return this;
        }

        /** How IAM roles are assumed, for role locations. */
        public Builder roleAssumer(RoleAssumer roleAssumer) {
            this.roleAssumer = requireNonNull(roleAssumer, "roleAssumer is null");
            return this;
        }

        /** The deployment's own AWS credentials: the start of the chain to a customer's role. */
        public Builder deploymentCredentials(CredentialsProvider deploymentCredentials) {
            this.deploymentCredentials = requireNonNull(deploymentCredentials, "deploymentCredentials is null");
            return this;
        }

        /** The keys that seal credentials at rest. Required. */
        public Builder sealingKeys(SealingKeys sealingKeys) {
            this.sealingKeys = requireNonNull(sealingKeys, "sealingKeys is null");
            return this;
        }

        /** The SQL parser; by default the one found through {@link ServiceLoader}. */
        public Builder statementParser(StatementParser statementParser) {
            this.statementParser = requireNonNull(statementParser, "statementParser is null");
            return this;
        }

        /** The clock for budgets' UTC days, creation times and credential expiry. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * Where catalog calls (which may block) run. By default a small pool of Outcrop's own, closed
         * with it; an executor passed here is the caller's to close.
         */
        public Builder executor(Executor executor) {
            this.executor = requireNonNull(executor, "executor is null");
            return this;
        }

        /** The LLM token budget of new accounts; 0 (the default) refuses every AI call until one is set. */
        public Builder defaultTokenBudget(long defaultTokenBudget) {
            if (defaultTokenBudget < 0) {
                throw new IllegalArgumentException("defaultTokenBudget must not be negative, but was " + defaultTokenBudget);
            }
            this.defaultTokenBudget = defaultTokenBudget;
            return this;
        }

        /** How long before expiry assumed-role credentials are refreshed. */
        public Builder credentialRefreshAhead(Duration refreshAhead) {
            requireNonNull(refreshAhead, "refreshAhead is null");
            if (refreshAhead.isNegative()) {
                throw new IllegalArgumentException("credentialRefreshAhead must not be negative, but was " + refreshAhead);
            }
            this.credentialRefreshAhead = refreshAhead;
            return this;
        }

        /** How long assumed-role sessions last (STS allows 15 minutes to 12 hours). */
        public Builder assumedRoleDuration(Duration duration) {
            requireNonNull(duration, "duration is null");
            if (duration.compareTo(Duration.ofMinutes(15)) < 0 || duration.compareTo(Duration.ofHours(12)) > 0) {
                throw new IllegalArgumentException("assumedRoleDuration must be between 15 minutes and 12 hours, but was " + duration);
            }
            this.assumedRoleDuration = duration;
            return this;
        }

        /** Adds an embedding model, in addition to those found through {@link ServiceLoader}. */
        public Builder addEmbeddingModel(EmbeddingModel model) {
            embeddingModels.add(requireNonNull(model, "model is null"));
            return this;
        }

        public Outcrop build() {
            return new Outcrop(this);
        }
    }
}
