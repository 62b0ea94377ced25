package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.port.AssumeRoleRequest;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.RoleAssumer;
import dev.outcrop.core.port.StreamEvent;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.security.SealingKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every logger at TRACE, through traffic that handles every kind of secret: access-key locations, a role
 * location (deployment keys → trust role → customer's role with an external ID, through STS), AI functions in
 * statements and in row streams, the Bedrock client's own response streams, and errors (throttling, 5xx, a cut
 * stream, an unknown key, a wrong secret, an STS refusal). Then every line of the log file is searched for every
 * secret that took part, in the encodings a log could hold it in (as is, form-encoded, XML- and JSON-escaped), and
 * inside Netty's hex dumps, whose rows split a value across lines.
 *
 * <p>Surefire runs this class in three JVMs of its own (integration-tests/pom.xml), each writing slf4j-simple's
 * output to a file at {@code org.slf4j.simpleLogger.logFile}:
 * <ul>
 *   <li>{@code quiet}: root level TRACE with the server's own logging configuration
 *       (vertx-server's simplelogger.properties on the class path). No secret may appear.</li>
 *   <li>{@code unsafe}: root level TRACE without it, and {@code OUTCROP_UNSAFE_WIRE_LOGGING=true}. The wire logs
 *       must show the credentials: this proves the search finds a leak when there is one.</li>
 *   <li>{@code library}: root level TRACE, neither: what a library user who logs everything gets. The wire is in the
 *       log, and bedrock-client says so once.</li>
 * </ul>
 * Needs PostgreSQL (the catalog is the JDBC one, so the sealed credentials pass through the pool and the driver) at
 * {@code OUTCROP_TEST_PG_URL}, as {@link SharedCatalogOnPostgresTest} does.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class TraceLoggingHoldsNoSecretsTest {

    static final String MODE = "outcrop.it.log-mode";
    private static final String WIRE_LOGGING_WARNING = "dev.outcrop.bedrock.client.config.WireLogging";

    private static final String PG_URL = System.getenv().getOrDefault("OUTCROP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("OUTCROP_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = System.getenv("OUTCROP_TEST_PG_PASSWORD");

    private static final String ACCOUNT = "my_account";
    private static final String EXTERNAL_ID = EmulatorConfig.DEFAULT_EXTERNAL_ID;
    /** An access key id the emulator does not know, and a wrong secret for one it does. */
    private static final String UNKNOWN_KEY_ID = "AKIAUNKNOWNEXAMPLE01";
    private static final String UNKNOWN_SECRET = "UNKNOWNSECRET/EXAMPLEKEY/forTestsOnly0001";
    private static final String WRONG_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET";
    private static final String NOVA = "amazon.nova-micro-v1:0";
    private static final String NOVA_HELLO = TestStack.NOVA_HELLO;
    /**
     * Netty, not the default CRT: Netty's wire loggers write through SLF4J, so a logging backend at TRACE sees every
     * header and body, which is what this class must show hidden (quiet), visible (unsafe) and warned of (library).
     * CRT writes nothing through SLF4J (its native log is off unless its own system properties turn it on).
     */
    private static final BedrockClientConfig.Transport WIRE_VISIBLE = BedrockClientConfig.Transport.NETTY;

    @Test
    @EnabledIfSystemProperty(named = MODE, matches = "quiet")
    void traceOnEveryLogger_withTheServersLoggingConfig_logsNoSecret(BedrockEmulator emulator) throws Exception {
        Traffic traffic = runTraffic(emulator);
        Log log = Log.read();

        assertThat(log.leaks(traffic.secrets)).as("secrets in the log (label -> where)").isEmpty();
        assertThat(log.count("DEBUG dev.outcrop.")).as("TRACE was on: Outcrop's own DEBUG lines are there").isPositive();
        assertThat(log.count("TRACE ")).as("and other libraries' TRACE lines").isPositive();
        assertThat(log.count("Assuming role")).as("the role chain ran").isPositive();
        assertThat(log.count("WARN " + WIRE_LOGGING_WARNING)).as("bedrock-client found the wire loggers quiet").isZero();
    }

    @Test
    @EnabledIfSystemProperty(named = MODE, matches = "unsafe")
    void traceOnEveryLogger_withUnsafeWireLogging_showsTheCredentials_soTheSearchWorks(BedrockEmulator emulator) throws Exception {
        Traffic traffic = runTraffic(emulator);
        Log log = Log.read();

        Map<String, String> leaks = log.leaks(traffic.secrets);
        // What goes over the wire: key ids in Authorization headers, session tokens in X-Amz-Security-Token headers,
        // the issued secrets and tokens in STS's XML answers, the external ID in the AssumeRole form.
        assertThat(leaks).containsKeys("deployment access key id", "external id", "bad key id");
        for (int i = 0; i < traffic.issued.size(); i++) {
            assertThat(leaks).containsKeys("issued access key id " + i, "issued secret access key " + i, "issued session token " + i);
        }
        assertThat(log.count("Authorization: AWS4-HMAC-SHA256 Credential=")).as("the request lines are there, unmasked").isPositive();
        assertThat(log.count("WARN " + WIRE_LOGGING_WARNING + " - Unsafe wire logging is on")).as("bedrock-client said so").isEqualTo(1);
    }

    @Test
    @EnabledIfSystemProperty(named = MODE, matches = "library")
    void traceOnEveryLogger_withoutTheServersConfigOrTheSwitch_bedrockClientWarnsOfTheLeakItCannotStop(BedrockEmulator emulator)
            throws Exception {
        BedrockClientConfig config = BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).transport(WIRE_VISIBLE).build();
        AwsCredentials keys = AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            runtime.invokeModel(new InvokeModelRequest(NOVA, body("Hello"), "us-east-1", keys)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        Log log = Log.read();

        // A library cannot change the backend's levels: an application that logs everything at TRACE gets the wire,
        // and one WARN that says which loggers to set to INFO.
        assertThat(log.count("WARN " + WIRE_LOGGING_WARNING + " - Loggers that write AWS credentials are enabled at DEBUG"))
                .as("one warning").isEqualTo(1);
        assertThat(log.count("OUTCROP_UNSAFE_WIRE_LOGGING=true")).as("which names the switch").isEqualTo(1);
        assertThat(log.leaks(Map.of("deployment access key id", EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID))).isNotEmpty();
    }

    /** The secrets of one run, by label, and the sessions STS issued. */
    private record Traffic(Map<String, String> secrets, List<AwsCredentials> issued) {
    }

    private static Traffic runTraffic(BedrockEmulator emulator) throws Exception {
        requirePostgres();
        String schema = "outcrop_it_logs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        byte[] sealingKey = new byte[32];
        new SecureRandom().nextBytes(sealingKey);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("deployment access key id", EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID);
        secrets.put("deployment secret access key", EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);
        secrets.put("external id", EXTERNAL_ID);
        secrets.put("bad key id", UNKNOWN_KEY_ID);
        secrets.put("bad key secret", UNKNOWN_SECRET);
        secrets.put("wrong secret", WRONG_SECRET);
        secrets.put("sealing key", Base64.getEncoder().encodeToString(sealingKey));
        secrets.put("sealing key in hex", HexFormat.of().formatHex(sealingKey));
        if (PG_PASSWORD != null && !PG_PASSWORD.isEmpty()) {
            secrets.put("catalog database password", PG_PASSWORD);
        }
        List<AwsCredentials> issued = new CopyOnWriteArrayList<>();

        BedrockClientConfig config = BedrockClientConfig.builder()
                .bedrockEndpoint(emulator.endpoint())
                .transport(WIRE_VISIBLE)
                .maxAttempts(2)
                .retryBaseDelay(Duration.ofMillis(10))
                .throttlingBaseDelay(Duration.ofMillis(10))
                .apiCallTimeout(Duration.ofSeconds(20))
                .apiCallAttemptTimeout(Duration.ofSeconds(20))
                .build();
        CatalogStore catalog = CatalogProviders.open("jdbc", Map.of("jdbc.url", PG_URL, "jdbc.user", PG_USER, "jdbc.schema", schema),
                CatalogContext.defaults());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config);
             StsRoleAssumer sts = StsRoleAssumer.create(config);
             RecordingRoleAssumer roles = new RecordingRoleAssumer(sts, issued);
             Outcrop outcrop = Outcrop.builder()
                     .catalog(catalog)
                     .modelRuntime(runtime)
                     .roleAssumer(roles)
                     .deploymentCredentials(CredentialsProvider.fixed(
                             AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)))
                     .sealingKeys(SealingKeys.of("logs-test", sealingKey))
                     .build()) {
            outcrop.createAccount(new AccountSpec(ACCOUNT, "us-east-1", EmulatorConfig.TRUST_DEMO_ROLE, 10_000_000L), "admin");
            Session admin = outcrop.openSession(ACCOUNT, "admin");

            run(admin, "CREATE LOCATION keys WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '"
                    + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '" + EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY + "' )");
            run(admin, "CREATE LOCATION role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '"
                    + EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE + "' AWS_ROLE_EXTERNAL_ID = '" + EXTERNAL_ID + "' )");
            run(admin, "CREATE LOCATION role_without_id WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '"
                    + EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE + "' )");
            run(admin, "CREATE LOCATION unknown_key WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '"
                    + UNKNOWN_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '" + UNKNOWN_SECRET + "' )");
            run(admin, "CREATE LOCATION wrong_secret WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '"
                    + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '" + WRONG_SECRET + "' )");

            // Successes: InvokeModel and Converse through keys and through the role chain, and a row stream of AI calls.
            assertThat(run(admin, "SELECT AWS_BEDROCK_AI_QUERY('" + NOVA + "', " + NOVA_HELLO + ", 'keys')")).contains("Hello");
            assertThat(run(admin, "SELECT AWS_BEDROCK_AI_QUERY('" + NOVA + "', " + NOVA_HELLO + ", 'role')")).contains("Hello");
            assertThat(run(admin, "SELECT AI_QUERY('" + NOVA + "', 'Hello there', 'role')")).contains("Hello");
            assertThat(streamRows(admin, "SELECT n, AI_QUERY('" + NOVA + "', 'row ' || n, 'role') AS answer"
                    + " FROM (VALUES (1), (2), (3)) AS t(n)")).hasSize(3);
            assertThat(issued).as("the trust session and the customer's session").hasSize(2);

            // The Bedrock client's own response streams, signed with the customer's session and with long-term keys.
            AwsCredentials session = issued.get(issued.size() - 1);
            AwsCredentials keys = AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);
            assertThat(collect(runtime.converseStream(new ConverseRequest(NOVA, "Hello stream", "us-east-1", session))).join()).isNotEmpty();
            assertThat(collect(runtime.invokeModelStream(new InvokeModelRequest(NOVA, body("Hello invoke stream"), "us-east-1", keys))).join())
                    .isNotEmpty();

            // Errors: throttling, a 5xx, a stream cut by an exception frame, an unknown key, a wrong secret, an STS refusal.
            emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build());
            assertThat(failure(admin, "SELECT AWS_BEDROCK_AI_QUERY('" + NOVA + "', " + NOVA_HELLO + ", 'role')")).contains("ThrottlingException");
            emulator.faults().setAll(FaultSpec.builder().serverErrorRate(1.0).serverErrorType("InternalServerException").build());
            assertThat(failure(admin, "SELECT AI_QUERY('" + NOVA + "', 'Hello', 'keys')")).contains("InternalServerException");
            emulator.faults().setAll(FaultSpec.builder().cutStreamAfterChunks(1).streamExceptionType("modelStreamErrorException").build());
            assertThat(collect(runtime.converseStream(new ConverseRequest(NOVA, "Hello cut stream", "us-east-1", session))))
                    .failsWithin(Duration.ofSeconds(30));
            emulator.faults().reset();
            assertThat(failure(admin, "SELECT AWS_BEDROCK_AI_QUERY('" + NOVA + "', " + NOVA_HELLO + ", 'unknown_key')"))
                    .contains("UnrecognizedClientException");
            assertThat(failure(admin, "SELECT AWS_BEDROCK_AI_QUERY('" + NOVA + "', " + NOVA_HELLO + ", 'wrong_secret')"))
                    .contains("InvalidSignatureException");
            assertThat(failure(admin, "SELECT AWS_BEDROCK_AI_QUERY('" + NOVA + "', " + NOVA_HELLO + ", 'role_without_id')"))
                    .contains("STS AccessDenied");

            for (LocationRecord location : catalog.listLocations(ACCOUNT)) {
                String payload = location.credentials().payload();
                byte[] sealed = Base64.getDecoder().decode(payload);
                secrets.put("sealed credentials of " + location.locationName(), payload);
                secrets.put("sealed bytes of " + location.locationName(), new String(sealed, StandardCharsets.ISO_8859_1));
                secrets.put("sealed bytes in hex of " + location.locationName(), HexFormat.of().formatHex(sealed));
            }
        }
        finally {
            catalog.close();
            try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
                 var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        for (int i = 0; i < issued.size(); i++) {
            secrets.put("issued access key id " + i, issued.get(i).accessKeyId());
            secrets.put("issued secret access key " + i, issued.get(i).secretAccessKey());
            secrets.put("issued session token " + i, issued.get(i).sessionToken());
        }
        assertThat(issued).allSatisfy(credentials -> assertThat(credentials.accessKeyId()).startsWith("ASIA"));
        return new Traffic(secrets, List.copyOf(issued));
    }

    /** Passes each AssumeRole on to STS and keeps the session it returns, so the test knows what to look for. */
    private record RecordingRoleAssumer(RoleAssumer delegate, List<AwsCredentials> issued) implements RoleAssumer {
        @Override
        public CompletionStage<AwsCredentials> assumeRole(AssumeRoleRequest request) {
            return delegate.assumeRole(request).thenApply(credentials -> {
                issued.add(credentials);
                return credentials;
            });
        }
    }

    private static String body(String text) {
        return "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + text + "\"}]}]}";
    }

    private static String run(Session session, String sql) {
        return TestStack.run(session, sql).rows().toString();
    }

    /** The error a statement fails with, as text. */
    private static String failure(Session session, String sql) {
        try {
            TestStack.run(session, sql);
        }
        catch (RuntimeException expected) {
            return expected.toString();
        }
        throw new AssertionError("expected the statement to fail: " + sql);
    }

    private static List<Row> streamRows(Session session, String sql) throws Exception {
        RowStream stream = session.stream(sql).toCompletableFuture().get(60, TimeUnit.SECONDS);
        return collect(stream.rows()).get(60, TimeUnit.SECONDS);
    }

    /** All items of a publisher, requested one at a time. */
    private static <T> CompletableFuture<List<T>> collect(Flow.Publisher<T> publisher) {
        CompletableFuture<List<T>> done = new CompletableFuture<>();
        List<T> items = new CopyOnWriteArrayList<>();
        publisher.subscribe(new Flow.Subscriber<T>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(1);
            }

            @Override
            public void onNext(T item) {
                items.add(item);
                subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(List.copyOf(items));
            }
        });
        return done;
    }

    private static void requirePostgres() {
        String reason;
        try (Connection connection = DriverManager.getConnection(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "connectTimeout=5", PG_USER, PG_PASSWORD)) {
            reason = connection.isValid(5) ? null : "the connection is not valid";
        }
        catch (SQLException e) {
            reason = e.getMessage();
        }
        String message = "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + " (" + reason + "); start it or set OUTCROP_TEST_PG_URL";
        if (reason != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true, so this fails instead of skipping)");
        }
        assumeTrue(reason == null, message);
    }

    /**
     * The log file, and the bytes of the Netty hex dumps in it put back together. A dump prints sixteen bytes a row,
     * so a header or an XML element is split across rows; searching the rows as text would miss it.
     */
    private record Log(String text, String dumped) {

        /** {@code |0000a0| 41 4b 49 41 ... |AKIA...|} */
        /** {@code [thread] DEBUG logger.name - }, how slf4j-simple starts a message. */
        private static final Pattern MESSAGE_HEADER = Pattern.compile("^(?:\\S+ )?\\[[^\\]]*\\] (?:TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - ");
        private static final Pattern DUMP_ROW = Pattern.compile("^\\|[0-9a-f]{8}\\| ((?:[0-9a-f]{2} ){1,16}) *\\|.*\\|$");

        static Log read() throws IOException {
            String file = System.getProperty("org.slf4j.simpleLogger.logFile");
            assertThat(file).as("the surefire execution names the log file").isNotNull().isNotEqualTo("System.err");
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            ByteArrayOutputStream dumped = new ByteArrayOutputStream();
            for (String line : text.split("\n")) {
                Matcher row = DUMP_ROW.matcher(line.strip());
                if (row.matches()) {
                    for (String hex : row.group(1).trim().split(" ")) {
                        dumped.write(Integer.parseInt(hex, 16));
                    }
                }
            }
            return new Log(text, dumped.toString(StandardCharsets.ISO_8859_1));
        }

        /** How often a string occurs in the log (an assertion on the whole text would print all of it). */
        int count(String s) {
            int n = 0;
            for (int at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + s.length())) {
                n++;
            }
            return n;
        }

        /** Each secret found, by label, with the first line (or hex dump) it was found in, every secret in it masked. */
        Map<String, String> leaks(Map<String, String> secrets) {
            Map<String, String> found = new LinkedHashMap<>();
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                for (String form : forms(secret.getValue())) {
                    int at = text.indexOf(form);
                    if (at >= 0) {
                        found.put(secret.getKey(), masked(lineAt(at), secrets));
                        break;
                    }
                    if (dumped.contains(form)) {
                        found.put(secret.getKey(), masked("a hex dump: ..." + around(dumped, dumped.indexOf(form)) + "...", secrets));
                        break;
                    }
                }
            }
            return found;
        }

        /** The report names secrets instead of repeating them. */
        private static String masked(String report, Map<String, String> secrets) {
            String masked = report;
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                for (String form : forms(secret.getValue())) {
                    masked = masked.replace(form, "<" + secret.getKey() + ">");
                }
            }
            return masked;
        }

        /** A value as a log may hold it: as is, form- or URL-encoded, XML-escaped, JSON-escaped. */
        private static List<String> forms(String value) {
            List<String> forms = new ArrayList<>();
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            forms.add(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            forms.add(value.replace("/", "\\/"));
            return forms.stream().distinct().toList();
        }

        /** The line at a position, after the logger of the message it belongs to (a message may span lines). */
        private String lineAt(int at) {
            int start = text.lastIndexOf('\n', at) + 1;
            int end = text.indexOf('\n', at);
            String line = text.substring(start, end < 0 ? text.length() : end);
            String logger = "?";
            for (int from = start; from >= 0; from = text.lastIndexOf('\n', from - 2) + 1) {
                int lineEnd = text.indexOf('\n', from);
                Matcher header = MESSAGE_HEADER.matcher(text.substring(from, lineEnd < 0 ? text.length() : lineEnd));
                if (header.find()) {
                    logger = header.group(1);
                    break;
                }
                if (from == 0) {
                    break;
                }
            }
            return "[" + logger + "] " + (line.length() > 300 ? line.substring(0, 300) + "..." : line);
        }

        private static String around(String s, int at) {
            return s.substring(Math.max(0, at - 80), Math.min(s.length(), at + 120)).replaceAll("[^\\x20-\\x7e]", ".");
        }
    }
}
