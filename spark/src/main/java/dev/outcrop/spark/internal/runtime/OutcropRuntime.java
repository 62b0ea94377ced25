package dev.outcrop.spark.internal.runtime;

import dev.outcrop.bedrock.client.AwsDeploymentCredentials;
import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.spark.config.SparkOutcropSettings;
import dev.outcrop.core.query.InputRows;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.result.Row;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outcrop as one JVM of a Spark application runs it: core over the shared catalog, with the Bedrock and STS
 * clients, composed as the server composes them. There is one per JVM and settings, shared by every task
 * of that JVM, so the limits, the adaptive throttling, the budget ledger and the memo of each query's
 * answers see all of the JVM's calls; it is closed when the JVM shuts down.
 */
public final class OutcropRuntime implements AutoCloseable {

    private static final long CHECK_TIMEOUT_SECONDS = 60;
    private static final Map<SparkOutcropSettings, OutcropRuntime> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OutcropRuntime::closeAll, "outcrop-spark-shutdown"));
    }

    private final SparkOutcropSettings settings;
    private final CatalogStore catalog;
    private final BedrockModelRuntime models;
    private final StsRoleAssumer sts;
    private final Outcrop outcrop;
    private final AnswerMemo answers;

    private OutcropRuntime(SparkOutcropSettings settings) {
        this.settings = settings;
        String keys = settings.sealingKeys();
        if (keys == null || keys.isBlank()) {
            throw new IllegalArgumentException("no sealing keys: set " + SparkOutcropSettings.SEALING_KEYS + " (or the environment variable "
                    + SparkOutcropSettings.SEALING_KEYS_ENVIRONMENT_VARIABLE + " on the driver and every executor) to the keys of the"
                    + " Outcrop servers on this catalog; see docs/spark.md");
        }
        SealingKeys sealingKeys = SealingKeys.parse(keys);
        BedrockClientConfig clients = BedrockClientConfig.fromProperties(settings.clientProperties());
        CatalogStore store = CatalogProviders.open(settings.catalogProvider(), settings.catalogConfig(), CatalogContext.defaults());
        BedrockModelRuntime runtime = null;
        StsRoleAssumer roles = null;
        try {
            runtime = BedrockModelRuntime.create(clients);
            roles = StsRoleAssumer.create(clients);
            this.outcrop = Outcrop.builder()
                    .catalog(store)
                    .modelRuntime(runtime)
                    .roleAssumer(roles)
                    .deploymentCredentials(AwsDeploymentCredentials.defaultChain())
                    .sealingKeys(sealingKeys)
                    .build();
        }
        catch (RuntimeException e) {
            closeQuietly(roles);
            closeQuietly(runtime);
            closeQuietly(store);
            throw e;
        }
        this.catalog = store;
        this.models = runtime;
        this.sts = roles;
        this.answers = AnswerMemo.start(settings.answerMemoMaxBytes(), settings.answerMemoIdleMillis());
    }

    /** This JVM's runtime for these settings, built on first use. */
    public static OutcropRuntime get(SparkOutcropSettings settings) {
        return RUNNING.computeIfAbsent(settings, OutcropRuntime::new);
    }

    /** A session as the job's account and principal. Sessions are cheap: one per task. */
    public Session openSession() {
        return outcrop.openSession(settings.account(), settings.principal());
    }

    /**
     * Plans the statement that computes these calls, over no rows: core looks up each location, checks the
     * principal's USAGE on it and the embedding model's arguments, and makes no call. The driver runs this
     * during analysis, so a bad location fails the query before any task starts.
     *
     * @throws dev.outcrop.core.error.OutcropException what core's planning refused, naming the location
     */
    public void check(ProjectionCalls calls) {
        var query = openSession().startStream(calls.coreSql(),
                InputRows.of(ProjectionCalls.INPUT_NAME, calls.inputColumns(), List.of()), QueryOptions.defaults());
        try {
            query.result().toCompletableFuture().get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS).rows().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Row row) {
                }

                @Override
                public void onError(Throwable failure) {
                }

                @Override
                public void onComplete() {
                }
            });
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        catch (InterruptedException e) {
            query.cancel();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the AI functions' locations", e);
        }
        catch (TimeoutException e) {
            query.cancel();
            throw new IllegalStateException("the catalog did not answer within " + CHECK_TIMEOUT_SECONDS + " s while checking the AI functions'"
                    + " locations; check spark.outcrop.catalog.* and that the catalog's database is reachable from the driver", e);
        }
    }

    /** This JVM's answers per query, shared by its tasks. */
    public AnswerMemo answers() {
        return answers;
    }

    public SparkOutcropSettings settings() {
        return settings;
    }

    /** Closes every runtime of this JVM; the shutdown hook calls it, and a test may. */
    public static void closeAll() {
        for (SparkOutcropSettings key : RUNNING.keySet()) {
            OutcropRuntime runtime = RUNNING.remove(key);
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @Override
    public void close() {
        answers.close();
        closeQuietly(outcrop);
        closeQuietly(models);
        closeQuietly(sts);
        closeQuietly(catalog);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (Exception e) {
            // Shutting down: nothing more to do with it.
        }
    }
}
