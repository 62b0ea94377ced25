package dev.outcrop.core.internal;

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
import dev.outcrop.core.internal.seal.CredentialSealer;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.RoleAssumer;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.spi.EmbeddingModel;
import dev.outcrop.core.spi.EmbeddingModelContext;
import dev.outcrop.core.spi.EmbeddingModelProvider;
import dev.outcrop.core.spi.StatementParser;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SetSetting;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.core.statement.UseDatabase;
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
 * run on the ports' own threads; nothing waits for a model call.
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
            List<EmbeddingModel> embeddingModels) {
    }

    private final Settings settings;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final CatalogAccess catalog;
    private final DdlExecutor ddl;
    private final SelectExecutor selects;
    private final CredentialResolver credentials;
    private final BlockingWork blocking;

    public Engine(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
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
        this.ddl = new DdlExecutor(catalog, credentials, settings.clock());
        TokenBudget budget = new TokenBudget(settings.catalog(), settings.clock());
        List<EmbeddingModel> embeddingModels = new ArrayList<>(settings.embeddingModels());
        if (settings.modelRuntime() != null) {
            EmbeddingModelContext context = settings::modelRuntime;
            for (EmbeddingModelProvider provider : ServiceLoader.load(EmbeddingModelProvider.class)) {
                embeddingModels.add(provider.create(context));
            }
        }
        this.blocking = new BlockingWork(executor);
        AiServices ai = new AiServices(settings.modelRuntime(), credentials, budget, blocking, List.copyOf(embeddingModels));
        this.selects = new SelectExecutor(catalog, ai, blocking);
    }

    public long defaultTokenBudget() {
        return settings.defaultTokenBudget();
    }

    public CompletionStage<List<QueryResult>> executeScript(SessionState session, String sql) {
        List<Statement> statements;
        try {
            statements = settings.parser().parseScript(sql);
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (statements.isEmpty()) {
            return CompletableFuture.failedFuture(new OutcropException(OutcropErrorCode.SQL_SYNTAX_ERROR,
                    "the request holds no statement: send SQL text such as SELECT 1"));
        }
        CompletableFuture<List<QueryResult>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (Statement statement : statements) {
            chain = chain.thenCompose(results -> execute(session, statement).thenApply(result -> {
                results.add(result);
                return results;
            }));
        }
        return chain.thenApply(List::copyOf);
    }

    /**
     * Runs every statement of the script but the last, which must be a SELECT, and streams that one's rows.
     */
    public CompletionStage<RowStream> stream(SessionState session, String sql) {
        List<Statement> statements;
        try {
            statements = settings.parser().parseScript(sql);
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (statements.isEmpty() || !(statements.get(statements.size() - 1) instanceof Select last)) {
            return CompletableFuture.failedFuture(new OutcropException(OutcropErrorCode.INVALID_ARGUMENT,
                    "only a SELECT can be streamed: end the script with the SELECT whose rows you want"));
        }
        CompletableFuture<Void> before = CompletableFuture.completedFuture(null);
        for (Statement statement : statements.subList(0, statements.size() - 1)) {
            before = before.thenCompose(ignored -> execute(session, statement).thenAccept(result -> { }));
        }
        return before.thenCompose(ignored -> selects.stream(session, last)).exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            return CompletableFuture.failedFuture(cause instanceof CatalogException e ? catalogError(e, "reading the catalog") : cause);
        });
    }

    public CompletionStage<QueryResult> execute(SessionState session, Statement statement) {
        if (statement instanceof Select select) {
            return selects.execute(session, select).exceptionallyCompose(this::translate);
        }
        if (statement instanceof UseDatabase use) {
            session.useDatabase(use.database().value());
            return CompletableFuture.completedFuture(QueryResult.status("USE DATABASE"));
        }
        if (statement instanceof SetSetting set) {
            session.set(set.name().value(), literalText(set.value()));
            return CompletableFuture.completedFuture(QueryResult.status("SET"));
        }
        return blocking.supply(() -> ddl.execute(session, statement)).exceptionallyCompose(this::translate);
    }

    private CompletionStage<QueryResult> translate(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CatalogException e) {
            return CompletableFuture.failedFuture(catalogError(e, "reading or writing the catalog"));
        }
        return CompletableFuture.failedFuture(cause);
    }

    /** Maps a store's failure to the error a user sees. */
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
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }
}
