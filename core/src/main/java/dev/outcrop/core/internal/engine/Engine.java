package dev.outcrop.core.internal.engine;

import dev.outcrop.core.internal.ai.AiServices;
import dev.outcrop.core.internal.budget.BudgetLedger;
import dev.outcrop.core.internal.catalog.CatalogAccess;
import dev.outcrop.core.internal.concurrent.BlockingWork;
import dev.outcrop.core.internal.credentials.CredentialResolver;
import dev.outcrop.core.internal.credentials.LocationDirectory;
import dev.outcrop.core.internal.ddl.DdlExecutor;
import dev.outcrop.core.internal.dispatch.CallScheduler;
import dev.outcrop.core.internal.run.QueryRegistry;
import dev.outcrop.core.internal.run.RunLimits;
import dev.outcrop.core.internal.run.RunSettings;
import dev.outcrop.core.internal.run.SessionState;
import dev.outcrop.core.internal.run.StatementRun;
import dev.outcrop.core.internal.seal.CredentialSealer;
import dev.outcrop.core.internal.select.SelectExecutor;
import dev.outcrop.core.internal.source.TableFunctions;
import dev.outcrop.core.internal.source.UserFiles;
import dev.outcrop.core.port.ObjectStorage;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.DoubleLiteral;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.Literal;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.RoleAssumer;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.spi.EmbeddingModel;
import dev.outcrop.core.spi.EmbeddingModelContext;
import dev.outcrop.core.spi.EmbeddingModelProvider;
import dev.outcrop.core.spi.StatementParser;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.internal.ddl.AccountStatements;
import dev.outcrop.core.statement.SetSetting;
import dev.outcrop.core.statement.UnsetSetting;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.core.statement.UseDatabase;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.query.InputRows;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.QueryProgress;
import dev.outcrop.core.query.RunningQuery;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs statements. Everything that may block (catalog calls) runs on the executor the settings name (or a small pool of the engine's own); model calls
 * are admitted by the {@link CallScheduler} and run on the ports' own threads; nothing waits for a model call. Every request is a
 * {@link StatementRun}, registered by query id while it runs, so it can be listed, watched and cancelled.
 */
public final class Engine implements AutoCloseable {

    /** Everything the engine is built from; the public builder fills it. */
    public record Settings(
            CatalogStore catalog,
            ModelRuntime modelRuntime,
            RoleAssumer roleAssumer,
            CredentialsProvider deploymentCredentials,
            SealingKeys sealingKeys,
            StatementParser parser,
            Clock clock,
            Executor executor,
            long defaultTokenBudget,
            Duration credentialRefreshAhead,
            Duration assumedRoleDuration,
            List<EmbeddingModel> embeddingModels,
            ExecutionLimits limits,
            dev.outcrop.core.security.TrustSettings trustSettings,
            Path userFilesDirectory,
            ObjectStorage objectStorage,
            dev.outcrop.core.port.AiCallMetrics aiMetrics,
            dev.outcrop.core.security.Organization organization) {
    }

    private final Settings settings;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final CatalogAccess catalog;
    private final DdlExecutor ddl;
    private final SelectExecutor selects;
    private final CredentialResolver credentials;
    private final BlockingWork blocking;
    private final dev.outcrop.core.internal.identity.ServiceAccountAuthenticator serviceAccounts;
    private final ScheduledExecutorService timer;
    private final CallScheduler scheduler;
    private final QueryRegistry registry = new QueryRegistry();

    public Engine(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        try {
            // Before any thread starts or anything is sealed: a wrong key under a known id is refused here, naming the id.
            dev.outcrop.core.internal.seal.SealingKeyRegistry.check(settings.catalog(), settings.sealingKeys(), settings.clock());
        }
        catch (CatalogException e) {
            throw CatalogAccess.translate(e, "checking the sealing keys against the catalog");
        }
        if (settings.executor() == null) {
            this.ownedExecutor = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2), daemonThreads("outcrop-catalog"));
            this.executor = ownedExecutor;
        }
        else {
            this.ownedExecutor = null;
            this.executor = settings.executor();
        }
        CredentialSealer sealer = new CredentialSealer(settings.sealingKeys());
        this.catalog = new CatalogAccess(settings.catalog(), sealer);
        this.credentials = new CredentialResolver(settings.roleAssumer(), settings.deploymentCredentials(), settings.clock(),
                settings.credentialRefreshAhead(), settings.assumedRoleDuration());
        this.blocking = new BlockingWork(executor);
        this.serviceAccounts = new dev.outcrop.core.internal.identity.ServiceAccountAuthenticator(settings.catalog());
        ExecutionLimits limits = settings.limits();
        LocationDirectory directory = new LocationDirectory(catalog, blocking, limits.locationRecheck().toNanos());
        BudgetLedger budget = new BudgetLedger(settings.catalog(), settings.clock(), blocking.executor(), limits.budgetLeaseTokens());
        this.ddl = new DdlExecutor(catalog, credentials, settings.clock(), directory, settings.trustSettings(),
                new AccountStatements(catalog.store(), settings.clock(), settings.organization(), settings.trustSettings(),
                        settings.defaultTokenBudget(), budget::forget));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("outcrop-timer"));
        int runtimeCapacity = settings.modelRuntime() == null ? Integer.MAX_VALUE : settings.modelRuntime().maxConcurrentCalls();
        this.scheduler = new CallScheduler(Math.min(limits.maxCallsInFlight(), Math.max(1, runtimeCapacity)), limits.maxCallsPerAccount(),
                limits.maxCallsPerLocation(), timer);
        List<EmbeddingModel> embeddingModels = new ArrayList<>(settings.embeddingModels());
        if (settings.modelRuntime() != null) {
            EmbeddingModelContext context = settings::modelRuntime;
            for (EmbeddingModelProvider provider : ServiceLoader.load(EmbeddingModelProvider.class)) {
                embeddingModels.add(provider.create(context));
            }
        }
        AiServices ai = new AiServices(settings.modelRuntime(), credentials, budget, scheduler, directory, timer, limits.retryBaseDelay(),
                limits.retryMaxDelay(), List.copyOf(embeddingModels), settings.aiMetrics());
        this.selects = new SelectExecutor(catalog, ai, blocking, registry,
                new TableFunctions.Sources(new UserFiles(settings.userFilesDirectory()), settings.objectStorage(), credentials));
    }

    /** Where work that may block runs: catalog reads, and reading files and bound iterables. */
    public Executor blockingExecutor() {
        return blocking.executor();
    }

    /** Checks a service account's id and secret on the engine's executor (a slow hash, and catalog reads). */
    public CompletableFuture<java.util.Optional<dev.outcrop.core.identity.ServiceAccountIdentity>> authenticateServiceAccount(
            String clientId, String secret) {
        return blocking.supply(() -> serviceAccounts.authenticate(clientId, secret)).exceptionallyCompose(this::translateAny);
    }

    /** Whether a service account's key is still current, on the engine's executor. */
    public CompletableFuture<java.util.Optional<dev.outcrop.core.identity.ServiceAccountIdentity>> serviceAccountKey(String clientId, String keyId) {
        return blocking.supply(() -> serviceAccounts.current(clientId, keyId)).exceptionallyCompose(this::translateAny);
    }

    private <T> CompletableFuture<T> translateAny(Throwable failure) {
        Throwable cause = unwrap(failure);
        return CompletableFuture.failedFuture(cause instanceof CatalogException e ? catalogError(e, "checking a service account") : cause);
    }

    public long defaultTokenBudget() {
        return settings.defaultTokenBudget();
    }

    /** The concurrency limit in force for the process: the configured one, capped by the model runtime's capacity. */
    public int maxCallsInFlight() {
        return scheduler.maxInFlight();
    }

    /** Calls in flight now, in the whole process. */
    public int callsInFlight() {
        return scheduler.inFlight();
    }

    /** Starts a script of statements, run in order, stopping at the first failure; the result holds every statement's result. */
    public RunningQuery<List<QueryResult>> start(SessionState session, String sql, QueryOptions options) {
        StatementRun run = newRun(session, sql, options);
        CompletableFuture<List<QueryResult>> result;
        try {
            List<Statement> statements = parse(sql, options.parameters());
            register(run);
            CompletableFuture<List<QueryResult>> chain = CompletableFuture.completedFuture(new ArrayList<>());
            for (Statement statement : statements) {
                chain = chain.thenCompose(results -> execute(session, run, statement).thenApply(one -> {
                    results.add(one);
                    return results;
                }));
            }
            result = chain.thenApply(List::copyOf);
        }
        catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return track(run, result, () -> run.cancel("by cancelling its result"));
    }

    /** Starts one parsed statement. */
    public RunningQuery<QueryResult> start(SessionState session, Statement statement, QueryOptions options) {
        StatementRun run = newRun(session, statement.getClass().getSimpleName(), options);
        CompletableFuture<QueryResult> result;
        try {
            register(run);
            result = execute(session, run, statement);
        }
        catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return track(run, result, () -> run.cancel("by cancelling its result"));
    }

    /**
     * Starts a script whose last statement is a SELECT: the earlier statements run first, in order, and
     * the SELECT's rows are streamed. The run ends when the stream ends, fails or is cancelled.
     */
    public RunningQuery<RowStream> startStream(SessionState session, String sql, QueryOptions options) {
        return startStream(session, sql, null, options);
    }

    /** As {@link #startStream(SessionState, String, QueryOptions)}, the SELECT reading the caller's rows; input may be null. */
    public RunningQuery<RowStream> startStream(SessionState session, String sql, InputRows input, QueryOptions options) {
        StatementRun run = newRun(session, sql, options);
        CompletableFuture<RowStream> result;
        try {
            List<Statement> statements = parse(sql, options.parameters());
            if (!(statements.get(statements.size() - 1) instanceof Select last)) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT,
                        "only a SELECT can be streamed: end the script with the SELECT whose rows you want");
            }
            register(run);
            CompletableFuture<Void> before = CompletableFuture.completedFuture(null);
            for (Statement statement : statements.subList(0, statements.size() - 1)) {
                before = before.thenCompose(ignored -> execute(session, run, statement).thenAccept(one -> { }));
            }
            result = before.thenCompose(ignored -> selects.stream(session, run, last, input))
                    .thenApply(stream -> new RowStream(stream.columns(), new EndingPublisher(stream.rows(), () -> end(run))))
                    .exceptionallyCompose(failure -> {
                        end(run);
                        Throwable cause = unwrap(failure);
                        return CompletableFuture.failedFuture(cause instanceof CatalogException e ? catalogError(e, "reading the catalog") : cause);
                    });
        }
        catch (RuntimeException e) {
            end(run);
            result = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<RowStream> stream = result;
        stream.whenComplete((ignored, failure) -> {
            if (stream.isCancelled()) {
                run.cancel("by cancelling its result");
            }
        });
        return new Handle<>(run, stream);
    }

    /** Cancels a running request of this process by its query id. */
    public boolean cancel(String queryId) {
        return registry.find(queryId).map(run -> run.cancel("by query id")).orElse(false);
    }

    /** Stops a running request of this process by its query id, with the given reason as its failure. */
    public boolean stop(String queryId, OutcropException reason) {
        return registry.find(queryId).map(run -> run.stop(reason)).orElse(false);
    }

    /** Cancels a running request of the account by its query id, if the principal started it. */
    public boolean cancel(SessionState session, String queryId) {
        return registry.find(queryId)
                .filter(run -> run.accountName().equals(session.accountName()) && run.userName().equals(session.principalName()))
                .map(run -> run.cancel("by query id"))
                .orElse(false);
    }

    /** The progress of a running request of this process, if one runs under this id. */
    public Optional<QueryProgress> progress(String queryId) {
        return registry.find(queryId).map(StatementRun::progress);
    }

    private List<Statement> parse(String sql, List<Object> parameters) {
        List<Statement> statements = settings.parser().parseScript(sql, parameters);
        if (statements.isEmpty()) {
            throw new OutcropException(OutcropErrorCode.SQL_SYNTAX_ERROR, "the request holds no statement: send SQL text such as SELECT 1");
        }
        return statements;
    }

    private StatementRun newRun(SessionState session, String text, QueryOptions options) {
        RunLimits limits = RunSettings.limits(session.settings(), settings.limits());
        String id = options.queryId() != null ? options.queryId() : UUID.randomUUID().toString();
        return new StatementRun(id, session.accountName(), session.principalName(), options.queryLabel(), text, settings.clock().instant(),
                limits, System.nanoTime(), options.progressListener(), options.progressInterval().toNanos());
    }

    private void register(StatementRun run) {
        registry.register(run);
        long timeout = run.limits().statementTimeoutNanos();
        if (timeout > 0) {
            ScheduledFuture<?> deadline = timer.schedule(() -> run.stop(new OutcropException(OutcropErrorCode.STATEMENT_TIMEOUT,
                    "query " + run.queryId() + " ran longer than statement_timeout = " + TimeUnit.NANOSECONDS.toMillis(timeout)
                            + " ms and was stopped: no further model call was made, and the calls in flight were aborted."
                            + " Raise it with SET statement_timeout = <ms> (0 for none), or select fewer rows")),
                    timeout, TimeUnit.NANOSECONDS);
            run.onStop(() -> deadline.cancel(false));
            deadlines.put(run, deadline);
        }
    }

    private final java.util.Map<StatementRun, ScheduledFuture<?>> deadlines = new java.util.concurrent.ConcurrentHashMap<>();

    private void end(StatementRun run) {
        registry.remove(run);
        ScheduledFuture<?> deadline = deadlines.remove(run);
        if (deadline != null) {
            deadline.cancel(false);
        }
        run.finished();
    }

    private <T> RunningQuery<T> track(StatementRun run, CompletableFuture<T> result, Runnable onCancel) {
        CompletableFuture<T> outcome = result.whenComplete((ignored, failure) -> end(run));
        outcome.whenComplete((ignored, failure) -> {
            if (outcome.isCancelled()) {
                onCancel.run();
            }
        });
        return new Handle<>(run, outcome);
    }

    /** A started request, as the public API shows it. */
    private record Handle<T>(StatementRun run, CompletableFuture<T> outcome) implements RunningQuery<T> {
        @Override
        public String queryId() {
            return run.queryId();
        }

        @Override
        public QueryProgress progress() {
            return run.progress();
        }

        @Override
        public boolean cancel() {
            return run.cancel("by its caller");
        }

        @Override
        public CompletionStage<T> result() {
            return outcome;
        }
    }

    private CompletableFuture<QueryResult> execute(SessionState session, StatementRun run, Statement statement) {
        try {
            run.checkRunning();
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (statement instanceof Select select) {
            return selects.execute(session, run, select).exceptionallyCompose(this::translate);
        }
        if (statement instanceof UseDatabase use) {
            session.useDatabase(use.database().value());
            return CompletableFuture.completedFuture(QueryResult.status("USE DATABASE"));
        }
        if (statement instanceof SetSetting set) {
            String value = literalText(set.value());
            try {
                RunSettings.validate(set.name().value(), value);
            }
            catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            session.set(set.name().value(), value);
            return CompletableFuture.completedFuture(QueryResult.status("SET"));
        }
        if (statement instanceof UnsetSetting unset) {
            unset.names().forEach(name -> session.unset(name.value()));
            return CompletableFuture.completedFuture(QueryResult.status("UNSET"));
        }
        return blocking.supply(() -> ddl.execute(session, statement)).exceptionallyCompose(this::translate);
    }

    private CompletableFuture<QueryResult> translate(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CatalogException e) {
            return CompletableFuture.failedFuture(catalogError(e, "reading or writing the catalog"));
        }
        return CompletableFuture.failedFuture(cause);
    }

    /** Maps a store's failure to the error a user sees. */
    /** A fresh external ID for a new account. */
    public String newExternalId() {
        return dev.outcrop.core.internal.credentials.ExternalIds.generate();
    }

    /** Re-seals every location with the primary key; see {@link dev.outcrop.core.internal.seal.Resealer}. Blocking. */
    public dev.outcrop.core.security.ResealProgress reseal(java.util.function.Consumer<dev.outcrop.core.security.ResealProgress> progress) {
        try {
            return new dev.outcrop.core.internal.seal.Resealer(settings.catalog(), catalog.sealer(), settings.sealingKeys().primaryKeyId())
                    .run(progress);
        }
        catch (CatalogException e) {
            throw catalogError(e, "re-sealing the locations");
        }
    }

    public OutcropException catalogError(CatalogException e, String doing) {
        return CatalogAccess.translate(e, doing);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String literalText(Literal literal) {
        if (literal instanceof StringLiteral s) {
            return s.value();
        }
        if (literal instanceof IntegerLiteral i) {
            return Long.toString(i.value());
        }
        if (literal instanceof DoubleLiteral d) {
            return Double.toString(d.value());
        }
        if (literal instanceof BooleanLiteral b) {
            return Boolean.toString(b.value());
        }
        if (literal instanceof NullLiteral) {
            return "";
        }
        throw new IllegalStateException("unexpected literal " + literal);
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }
}
