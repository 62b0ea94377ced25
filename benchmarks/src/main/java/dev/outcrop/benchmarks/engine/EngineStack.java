package dev.outcrop.benchmarks.engine;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The SDK as a deployment wires it (as integration-tests' TestStack does): the real Bedrock runtime and STS
 * clients pointed at the emulator, the SQL parser found through ServiceLoader, an in-memory catalog, ephemeral
 * sealing keys, one account with a budget that no run exhausts, and one key location {@value #LOCATION} holding
 * the emulator's documented example keys.
 */
final class EngineStack implements AutoCloseable {

    static final String ACCOUNT = "bench_account";
    static final String ADMIN = "admin";
    static final String LOCATION = "bedrock_keys";

    final BedrockModelRuntime runtime;
    final StsRoleAssumer sts;
    final CatalogStore catalog;
    final Outcrop outcrop;

    /**
     * @param limits the engine's limits
     * @param clientPool the HTTP client's maxConcurrency (the model runtime's capacity, which caps the engine's limit)
     * @param clientAttempts the AWS SDK's maxAttempts (1: the engine alone retries)
     */
    EngineStack(URI endpoint, ExecutionLimits limits, int clientPool, int clientAttempts) {
        BedrockClientConfig config = BedrockClientConfig.builder()
                .transport(transport())
                .bedrockEndpoint(endpoint)
                .maxConcurrency(clientPool)
                .maxAttempts(clientAttempts)
                .apiCallTimeout(Duration.ofSeconds(60))
                .apiCallAttemptTimeout(Duration.ofSeconds(60))
                .build();
        this.runtime = BedrockModelRuntime.create(config);
        this.sts = StsRoleAssumer.create(config);
        this.catalog = new InMemoryCatalogStore();
        this.outcrop = Outcrop.builder()
                .catalog(catalog)
                .modelRuntime(runtime)
                .roleAssumer(sts)
                .deploymentCredentials(CredentialsProvider.fixed(AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID,
                        EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)))
                .sealingKeys(SealingKeys.ephemeral())
                .limits(limits)
                .build();
        outcrop.createAccount(new AccountSpec(ACCOUNT, "us-east-1", EmulatorConfig.TRUST_DEMO_ROLE, 1_000_000_000_000L), ADMIN);
        run(session(), "CREATE LOCATION " + LOCATION + " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '"
                + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '" + EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY + "' )");
    }

    /** The HTTP client under the SDK: {@code -Doutcrop.bedrock.transport=CRT} measures the CRT client; NETTY by default. */
    static BedrockClientConfig.Transport transport() {
        return BedrockClientConfig.Transport.valueOf(System.getProperty("outcrop.bedrock.transport", "NETTY").trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** A new session of the account's administrator: settings made in one do not leak into another. */
    Session session() {
        return outcrop.openSession(ACCOUNT, ADMIN);
    }

    /** Runs SQL to the end and returns its result, or throws the cause of its failure. */
    static QueryResult run(Session session, String sql) {
        return await(session.start(sql, QueryOptions.defaults()), Duration.ofMinutes(30));
    }

    static <T> T await(RunningQuery<T> query, Duration timeout) {
        try {
            return query.result().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        catch (TimeoutException e) {
            query.cancel();
            throw new IllegalStateException("the statement did not finish within " + timeout + "; progress: " + query.progress(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static RuntimeException rethrow(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        outcrop.close();
        runtime.close();
        sts.close();
        catalog.close();
    }
}
