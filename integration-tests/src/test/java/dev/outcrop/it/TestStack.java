package dev.outcrop.it;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.s3.S3ObjectStorage;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.security.SealingKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The whole SDK as a deployment runs it, pointed at the emulator: the real AWS SDK clients, the SQL
 * parser found through ServiceLoader, and a catalog. The deployment's own credentials are the
 * emulator's documented example key pair; the account's trust principal is the demo trust role.
 */
final class TestStack implements AutoCloseable {

    static final String ACCOUNT = "my_account";
    static final String ADMIN = "admin";

    final CatalogStore catalog;
    final BedrockModelRuntime runtime;
    final StsRoleAssumer sts;
    final Outcrop outcrop;
    final Session admin;
    /** The emulator's S3, for stacks made by {@link #withUserFiles}; else null. */
    final S3ObjectStorage storage;

    private TestStack(BedrockEmulator emulator, CatalogStore catalog, long budget, Clock clock) {
        this(emulator, catalog, budget, clock, SealingKeys.ephemeral());
    }

    private TestStack(BedrockEmulator emulator, CatalogStore catalog, long budget, Clock clock, SealingKeys keys) {
        this(emulator, catalog, budget, clock, keys, ExecutionLimits.defaults(), client -> client, null);
    }

    private TestStack(BedrockEmulator emulator, CatalogStore catalog, long budget, Clock clock, SealingKeys keys, ExecutionLimits limits,
                      java.util.function.UnaryOperator<BedrockClientConfig.Builder> client) {
        this(emulator, catalog, budget, clock, keys, limits, client, null);
    }

    private TestStack(BedrockEmulator emulator, CatalogStore catalog, long budget, Clock clock, SealingKeys keys, ExecutionLimits limits,
                      java.util.function.UnaryOperator<BedrockClientConfig.Builder> client, java.nio.file.Path userFiles) {
        this.catalog = catalog;
        BedrockClientConfig config = client.apply(BedrockClientConfig.builder()
                .bedrockEndpoint(emulator.endpoint())
                .maxAttempts(1)
                .apiCallTimeout(Duration.ofSeconds(20))
                .apiCallAttemptTimeout(Duration.ofSeconds(20)))
                .build();
        this.runtime = BedrockModelRuntime.create(config);
        this.sts = StsRoleAssumer.create(config);
        Outcrop.Builder builder = Outcrop.builder();
        if (userFiles != null) {
            this.storage = S3ObjectStorage.create(emulator.endpoint());
            builder.userFilesDirectory(userFiles).objectStorage(storage);
        }
        else {
            this.storage = null;
        }
        this.outcrop = builder
                .catalog(catalog)
                .modelRuntime(runtime)
                .roleAssumer(sts)
                .deploymentCredentials(deploymentCredentials())
                .sealingKeys(keys)
                .clock(clock)
                .limits(limits)
                .build();
        outcrop.createAccount(new AccountSpec(ACCOUNT, "us-east-1", EmulatorConfig.TRUST_DEMO_ROLE, budget), ADMIN);
        this.admin = outcrop.openSession(ACCOUNT, ADMIN);
    }

    static TestStack start(BedrockEmulator emulator) {
        return new TestStack(emulator, new InMemoryCatalogStore(), 1_000_000, Clock.systemUTC());
    }

    static TestStack start(BedrockEmulator emulator, CatalogStore catalog, long budget) {
        return new TestStack(emulator, catalog, budget, Clock.systemUTC());
    }

    /** Another server of the same deployment: its own SDK instance on a catalog of its own, with the deployment's keys. */
    static TestStack server(BedrockEmulator emulator, CatalogStore catalog, long budget, SealingKeys keys) {
        return new TestStack(emulator, catalog, budget, Clock.systemUTC(), keys);
    }

    /** A stack with the engine's limits and the HTTP client's settings of the test's choosing. */
    static TestStack start(BedrockEmulator emulator, long budget, ExecutionLimits limits,
                           java.util.function.UnaryOperator<BedrockClientConfig.Builder> client) {
        return new TestStack(emulator, new InMemoryCatalogStore(), budget, Clock.systemUTC(), SealingKeys.ephemeral(), limits, client);
    }

    /** A stack whose READ_CSV and READ_JSON may read the files of {@code userFiles}, and S3 locations in the emulator. */
    static TestStack withUserFiles(BedrockEmulator emulator, java.nio.file.Path userFiles) {
        return withUserFiles(emulator, userFiles, 1_000_000);
    }

    /** As {@link #withUserFiles(BedrockEmulator, java.nio.file.Path)}, with the account's daily token budget of the test's choosing. */
    static TestStack withUserFiles(BedrockEmulator emulator, java.nio.file.Path userFiles, long budget) {
        return new TestStack(emulator, new InMemoryCatalogStore(), budget, Clock.systemUTC(), SealingKeys.ephemeral(), ExecutionLimits.defaults(),
                client -> client, userFiles);
    }

    static TestStack start(BedrockEmulator emulator, long budget, Clock clock) {
        return new TestStack(emulator, new InMemoryCatalogStore(), budget, clock);
    }

    /** The Outcrop error code of a failure, or null when it is not an OutcropException. */
    static OutcropErrorCode codeOf(Throwable e) {
        for (OutcropErrorCode code : OutcropErrorCode.values()) {
            if (e instanceof OutcropException o && code.toErrorCode().equals(o.errorCode())) {
                return code;
            }
        }
        return null;
    }

    /** The cause inside CompletionExceptions and ExecutionExceptions. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A session of another principal of the same account. */
    Session sessionOf(String principal) {
        return outcrop.openSession(ACCOUNT, principal);
    }

    /** Runs SQL and returns the error it fails with. */
    RuntimeException failure(Session session, String sql) {
        try {
            run(session, sql);
        }
        catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the statement to fail: " + sql);
    }

    RuntimeException failure(String sql) {
        return failure(admin, sql);
    }

    /** Creates the seed's access-key location {@code name} with the emulator's deployment key pair. */
    void createKeyLocation(String name) {
        run("CREATE LOCATION " + name + " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '"
                + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '" + EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY + "' )");
    }

    /** The seed's Nova request. */
    static final String NOVA_HELLO = "$${\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}$$";

    long usageToday() {
        QueryResult quotas = run("SELECT \"usage\" FROM information_schema.quotas");
        return (Long) quotas.value(0, 0);
    }

    static CredentialsProvider deploymentCredentials() {
        return CredentialsProvider.fixed(AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY));
    }

    QueryResult run(String sql) {
        return run(admin, sql);
    }

    static QueryResult run(Session session, String sql) {
        return run(session, sql, Duration.ofSeconds(60));
    }

    /** As {@link #run(Session, String)}, for a statement that may take longer than a minute on a loaded machine (a guard, not a timing check). */
    static QueryResult run(Session session, String sql, Duration timeout) {
        try {
            return session.execute(sql).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new IllegalStateException(cause);
        }
        catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the statement did not finish within " + timeout.toSeconds() + " s: " + sql, e);
        }
    }

    @Override
    public void close() {
        outcrop.close();
        if (storage != null) {
            storage.close();
        }
        runtime.close();
        sts.close();
        catalog.close();
    }
}
