package dev.outcrop.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.spark.config.SparkOutcropSettings;
import dev.outcrop.spark.internal.runtime.OutcropRuntime;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/**
 * What a Spark job with Outcrop meets in production, in one JVM: an Outcrop server (core over a JDBC catalog
 * on PostgreSQL, with the AWS SDK clients pointed at the in-process emulator) that owns the account and
 * the location, and a local[2] SparkSession with OutcropExtensions whose {@code spark.outcrop.*} settings
 * name the same catalog schema and sealing keys. The deployment's AWS credentials are the emulator's
 * documented example pair, given to the AWS SDK's default chain as system properties (see the pom).
 */
final class SparkTestStack implements AutoCloseable {

    static final String URL = System.getenv().getOrDefault("OUTCROP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("OUTCROP_TEST_PG_USER", "postgres");
    static final String ACCOUNT = "my_account";
    static final String ADMIN = "admin";
    static final String LOCATION = "bedrock_keys";
    /** A location the job's principal has no USAGE on. */
    static final String OTHER_LOCATION = "bedrock_other";
    /** The job's principal: a plain user with USAGE on {@link #LOCATION} only, as a production job would run. */
    static final String JOB_USER = "etl_user";

    final BedrockEmulator emulator;
    final CatalogStore serverCatalog;
    final BedrockModelRuntime serverModels;
    final StsRoleAssumer serverSts;
    final Outcrop server;
    final Session admin;
    final SparkSession spark;

    private SparkTestStack(BedrockEmulator emulator, long budget, Map<String, String> extraConf) {
        this.emulator = emulator;
        String schema = "outcrop_spark_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String keys = "k1:" + Base64.getEncoder().encodeToString(key);
        Map<String, String> catalogConfig = Map.of("jdbc.url", URL, "jdbc.user", USER, "jdbc.schema", schema, "cache.max-staleness-ms", "200");
        this.serverCatalog = CatalogProviders.open("jdbc", catalogConfig, CatalogContext.defaults());
        BedrockClientConfig clients = BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).maxAttempts(1)
                .apiCallTimeout(Duration.ofSeconds(20)).apiCallAttemptTimeout(Duration.ofSeconds(20)).build();
        this.serverModels = BedrockModelRuntime.create(clients);
        this.serverSts = StsRoleAssumer.create(clients);
        this.server = Outcrop.builder().catalog(serverCatalog).modelRuntime(serverModels).roleAssumer(serverSts)
                .deploymentCredentials(CredentialsProvider.fixed(AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID,
                        EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)))
                .sealingKeys(SealingKeys.parse(keys)).build();
        server.createAccount(new AccountSpec(ACCOUNT, "us-east-1", EmulatorConfig.TRUST_DEMO_ROLE, budget), ADMIN);
        this.admin = server.openSession(ACCOUNT, ADMIN);
        run("CREATE LOCATION " + LOCATION + " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '"
                + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '" + EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY + "' )");
        run("CREATE LOCATION " + OTHER_LOCATION + " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '"
                + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '" + EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY + "' )");
        run("CREATE USER " + JOB_USER);
        run("GRANT USAGE ON LOCATION " + LOCATION + " TO " + JOB_USER);

        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("outcrop-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.extensions", OutcropExtensions.class.getName())
                .config(SparkOutcropSettings.ACCOUNT, ACCOUNT)
                .config(SparkOutcropSettings.PRINCIPAL, JOB_USER)
                .config(SparkOutcropSettings.SEALING_KEYS, keys)
                .config("spark.outcrop.catalog.jdbc.url", URL)
                .config("spark.outcrop.catalog.jdbc.user", USER)
                .config("spark.outcrop.catalog.jdbc.schema", schema)
                .config("spark.outcrop.catalog.cache.max-staleness-ms", "200")
                .config("spark.outcrop.bedrock.endpoint", emulator.endpoint().toString())
                .config("spark.outcrop.bedrock.region", "us-east-1");
        extraConf.forEach(builder::config);
        this.spark = builder.getOrCreate();
    }

    /** Skips the test without PostgreSQL, except under CI=true, where it fails. */
    static void requirePostgres() {
        String reason;
        try (Connection connection = DriverManager.getConnection(URL + (URL.contains("?") ? "&" : "?") + "connectTimeout=5", USER,
                System.getenv("OUTCROP_TEST_PG_PASSWORD"))) {
            reason = connection.isValid(5) ? null : "the connection is not valid";
        }
        catch (SQLException e) {
            reason = e.getMessage();
        }
        String message = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + reason + "); start it or set OUTCROP_TEST_PG_URL";
        if (reason != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true, so this fails instead of skipping)");
        }
        assumeTrue(reason == null, message);
    }

    static SparkTestStack start(long budget) {
        return start(budget, Map.of());
    }

    static SparkTestStack start(long budget, Map<String, String> extraConf) {
        requirePostgres();
        BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).build());
        try {
            return new SparkTestStack(emulator, budget, extraConf);
        }
        catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    QueryResult run(String sql) {
        try {
            return admin.execute(sql).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the statement did not finish within 60 s: " + sql, e);
        }
    }

    /** The account's settled usage today, as an Outcrop server's information_schema.quotas shows it. */
    long usageToday() {
        return (Long) run("SELECT \"usage\" FROM information_schema.quotas").value(0, 0);
    }

    /**
     * The usage once every ledger on the catalog has given back its leases' remainders (they do when they
     * have no call in flight, shortly after a job): two reads 300 ms apart agree.
     */
    long settledUsageToday() throws InterruptedException {
        long previous = usageToday();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(300);
            long now = usageToday();
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("the usage did not settle within 15 s");
    }

    /** The OutcropException in a failure's cause chain, or null. */
    static OutcropException outcropCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutcropException outcrop) {
                return outcrop;
            }
        }
        return null;
    }

    @Override
    public void close() {
        spark.stop();
        OutcropRuntime.closeAll();
        server.close();
        serverModels.close();
        serverSts.close();
        serverCatalog.close();
        emulator.close();
    }
}
