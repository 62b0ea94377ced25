package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ServerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP service in demo mode, driven over real HTTP as Firebolt clients and curl drive it. */
final class HttpQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OutcropServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = OutcropServer.start(ServerConfig.builder().port(0).maxStatementBytes(64 * 1024).build(), new DemoModule());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String query, String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/" + query))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void seedScript_returnsTheModelsAnswerAsJsonCompact() throws Exception {
        HttpResponse<String> response = post("?output_format=JSON_Compact", """
                CREATE LOCATION IF NOT EXISTS bedrock_role WITH
                  SOURCE = AMAZON_BEDROCK
                  CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' );
                SELECT AWS_BEDROCK_AI_QUERY(
                  'amazon.nova-micro-v1:0',
                  $${"schemaVersion":"messages-v1","messages":[{"role":"user","content":[{"text":"Hello"}]}]}$$,
                  'bedrock_role'
                ) AS result;
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("meta").get(0).path("name").asText()).isEqualTo("result");
        assertThat(body.path("meta").get(0).path("type").asText()).isEqualTo("text");
        assertThat(body.path("rows").asInt()).isEqualTo(1);
        JsonNode answer = JSON.readTree(body.path("data").get(0).get(0).asText());
        assertThat(answer.path("output").path("message").path("content").get(0).path("text").asText()).contains("Hello");
        BedrockEmulator emulator = server.injector().getInstance(BedrockEmulator.class);
        assertThat(emulator.calls()).anyMatch(call -> call.operation().equals("InvokeModel") && call.signatureValid() && call.status() == 200);
    }

    @Test
    void defaultFormat_isTabSeparatedWithNamesAndTypes() throws Exception {
        HttpResponse<String> response = post("", "SELECT 'a' || 'b' AS x, 40 + 2 AS y, NULL AS z");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("x\ty\tz\ntext\tbigint\ttext\nab\t42\t\\N\n");
    }

    @Test
    void syntaxError_is400WithLineAndColumn() throws Exception {
        HttpResponse<String> response = post("", "SELECT 1,\nFROM");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("errors").get(0);
        assertThat(error.path("name").asText()).isEqualTo("SQL_SYNTAX_ERROR");
        assertThat(error.path("description").asText()).startsWith("line 2:1:");
        assertThat(error.path("location").path("failing_line").asInt()).isEqualTo(2);
    }

    @Test
    void unknownLocation_is404AndNamesIt() throws Exception {
        HttpResponse<String> response = post("", "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', '{}', 'nowhere')");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("description").asText()).contains("'nowhere'");
    }

    @Test
    void bedrockError_is502WithTheRemoteType() throws Exception {
        post("", "CREATE LOCATION IF NOT EXISTS keys502 WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ("
                + " AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE' AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')");

        HttpResponse<String> response = post("", "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', '{\"not\":\"nova\"}', 'keys502')");

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).path("errors").get(0);
        assertThat(error.path("remote_error_type").asText()).isEqualTo("ValidationException");
        assertThat(error.path("description").asText()).startsWith("Bedrock ValidationException (400) invoking 'amazon.nova-micro-v1:0' through location 'keys502'");
        assertThat(response.body()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void emptyBody_is400WithAHint() throws Exception {
        HttpResponse<String> response = post("", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("the request body is empty");
    }

    @Test
    void oversizedBody_is413() throws Exception {
        HttpResponse<String> response = post("", "SELECT '" + "x".repeat(70 * 1024) + "'");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("STATEMENT_TOO_LARGE");
    }

    @Test
    void useDatabase_tellsTheClientToCarryTheDatabase() throws Exception {
        HttpResponse<String> response = post("", "USE DATABASE firebolt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Firebolt-Update-Parameters")).hasValue("database=firebolt");
    }

    @Test
    void useDatabase_refusesADatabaseTheServiceDoesNotServe() throws Exception {
        HttpResponse<String> response = post("", "USE DATABASE \"a\nb\"");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Firebolt-Update-Parameters")).isEmpty();
        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("description").asText()).contains("control character U+000A");

        response = post("", "USE DATABASE analytics");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("message").asText()).contains("'analytics' does not exist").contains("firebolt");
    }

    @Test
    void databaseParameter_isCarriedBack() throws Exception {
        HttpResponse<String> response = post("?database=firebolt", "SELECT 1 AS one");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Firebolt-Update-Parameters")).isEmpty();
        assertThat(post("?database=firebolt", "USE DATABASE firebolt").headers().firstValue("Firebolt-Update-Parameters")).isEmpty();
    }

    @Test
    void unknownOutputFormat_is400() throws Exception {
        HttpResponse<String> response = post("?output_format=XML", "SELECT 1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("output_format 'XML' is not supported");
    }

    @Test
    void theCurlCommandTheDemoPrints_runsTheSeedQuery() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).as("curl is needed to run the demo's command as a newcomer would").exists();
        Path script = Files.createTempFile("seed", ".sh");
        try {
            Files.writeString(script, Main.seedCurl("http://127.0.0.1:" + server.port() + "/") + "\n", StandardCharsets.UTF_8);
            Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isZero();
            JsonNode body = JSON.readTree(output);
            assertThat(body.path("data").get(0).get(0).asText()).contains("Echo: Hello");
        }
        finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void environmentVariables_mapToSettings() {
        assertThat(Main.fromEnvironment(java.util.Map.of(
                "OUTCROP_SEALING_KEYS", "k",
                "OUTCROP_BEDROCK_MAX_CONCURRENCY", "8",
                "OUTCROP_ACCOUNT_TRUST_POLICY_ROLE", "r",
                "PATH", "/bin")))
                .containsOnly(
                        java.util.Map.entry("outcrop.sealing-keys", "k"),
                        java.util.Map.entry("outcrop.bedrock.max-concurrency", "8"),
                        java.util.Map.entry("outcrop.account.trust-policy-role", "r"));
    }
}
