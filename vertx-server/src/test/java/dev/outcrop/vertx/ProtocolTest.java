package dev.outcrop.vertx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.vertx.config.ServerConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Firebolt's query protocol as its clients use it: formats, query ids, streaming, cancellation, engine and session headers. */
final class ProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OutcropServer server;
    private static HttpClient http;
    private static BedrockEmulator emulator;
    private static Outcrop outcrop;

    @BeforeAll
    static void start() throws Exception {
        server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        emulator = server.injector().getInstance(BedrockEmulator.class);
        outcrop = server.injector().getInstance(Outcrop.class);
        assertThat(post("", "CREATE LOCATION IF NOT EXISTS bedrock_role WITH SOURCE = AMAZON_BEDROCK "
                + "CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void noFaults() {
        emulator.faults().reset();
    }

    private static HttpResponse<String> post(String query, String sql) throws Exception {
        return postAsync("/" + query, sql).join();
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String pathAndQuery, String sql) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A SELECT of {@code rows} model calls, each with its own prompt. */
    private static String aiRows(int rows) {
        String values = IntStream.rangeClosed(1, rows).mapToObj(i -> "(" + i + ")").collect(Collectors.joining(","));
        return "SELECT c, AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
                + "'{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"row ' || CAST(c AS TEXT) || '\"}]}]}', "
                + "'bedrock_role') AS answer FROM (VALUES " + values + ") AS t(c)";
    }

    @Test
    void jsonCompactLimited_returnsAtMostTenThousandRows() throws Exception {
        String values = IntStream.rangeClosed(1, 10_001).mapToObj(i -> "(" + i + ")").collect(Collectors.joining(","));
        String sql = "SELECT c FROM (VALUES " + values + ") AS t(c)";

        JsonNode limited = JSON.readTree(post("?output_format=JSON_CompactLimited", sql).body());
        JsonNode full = JSON.readTree(post("?output_format=JSON_Compact", sql).body());

        assertThat(limited.path("rows").asInt()).isEqualTo(10_000);
        assertThat(limited.path("data")).hasSize(10_000);
        assertThat(full.path("data")).hasSize(10_001);
        assertThat(full.path("statistics").fieldNames()).toIterable()
                .contains("elapsed", "rows_read", "bytes_read", "time_before_execution", "time_to_execute", "scanned_bytes_cache", "scanned_bytes_storage");
    }

    @Test
    void clientQueryIdAndLabel_areTheQuerysOwn() throws Exception {
        HttpResponse<String> response = post("query?output_format=JSON_Compact&query_id=my-id-1&query_label=nightly",
                "SELECT query_id, query_label FROM information_schema.engine_running_queries");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("query").path("query_id").asText()).isEqualTo("my-id-1");
        assertThat(body.path("data").toString()).contains("[\"my-id-1\",\"nightly\"]");
    }

    @Test
    void jsonLines_streamsStartDataAndFinish() throws Exception {
        HttpResponse<String> response = post("?output_format=JSONLines_Compact&query_id=stream-1&query_label=lbl", aiRows(40));

        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> records = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            records.add(JSON.readTree(line));
        }
        JsonNode start = records.get(0);
        assertThat(start.path("message_type").asText()).isEqualTo("START");
        assertThat(start.path("query_id").asText()).isEqualTo("stream-1");
        assertThat(start.path("query_label").asText()).isEqualTo("lbl");
        assertThat(start.path("result_columns").toString()).isEqualTo("[{\"name\":\"c\",\"type\":\"bigint\"},{\"name\":\"answer\",\"type\":\"text\"}]");
        List<JsonNode> rows = new ArrayList<>();
        records.subList(1, records.size() - 1).forEach(data -> {
            assertThat(data.path("message_type").asText()).isEqualTo("DATA");
            data.path("data").forEach(rows::add);
        });
        assertThat(rows).hasSize(40);
        assertThat(rows.get(39).get(0).asInt()).isEqualTo(40);
        assertThat(rows.get(39).get(1).asText()).contains("row 40");
        JsonNode finish = records.get(records.size() - 1);
        assertThat(finish.path("message_type").asText()).isEqualTo("FINISH_SUCCESSFULLY");
        assertThat(finish.path("statistics").path("rows_read").asInt()).isEqualTo(40);
    }

    @Test
    void jsonLines_aRowThatFailsEndsTheStreamWithTheErrorsTheSdkReads() throws Exception {
        emulator.faults().setAll(FaultSpec.builder().serverErrorRate(1.0).serverErrorType("ValidationException").build());

        HttpResponse<String> response = post("?output_format=JSONLines_Compact&ai_max_retries=0", aiRows(3));

        String[] lines = response.body().split("\n");
        assertThat(JSON.readTree(lines[0]).path("message_type").asText()).isEqualTo("START");
        JsonNode last = JSON.readTree(lines[lines.length - 1]);
        assertThat(last.path("message_type").asText()).isEqualTo("FINISH_WITH_ERRORS");
        assertThat(last.path("errors").get(0).path("description").asText()).contains("ValidationException");
    }

    @Test
    void jsonLines_ofAStatementThatIsNotASelect_isStillAnswered() throws Exception {
        HttpResponse<String> response = post("?output_format=JSONLines_Compact", "SET ai_max_retries = 2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"message_type\":\"START\"").contains("FINISH_SUCCESSFULLY");
        assertThat(response.headers().firstValue("Firebolt-Update-Parameters")).hasValue("ai_max_retries=2");
    }

    @Test
    void jsonLines_sendsRowsAsTheyComplete_andAClientThatDisconnectsStopsItsStatement() throws Exception {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(300)).build());
        long before = emulator.callCount("InvokeModel");
        byte[] body = aiRows(2000).getBytes(UTF_8);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.request("POST", "/?output_format=JSONLines_Compact&query_id=walk-away&ai_max_concurrency=4",
                    "Host: localhost\r\n", body));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(RawHttp.line(in)).contains("200");
            String line = RawHttp.line(in);
            while (!line.contains("\"message_type\":\"DATA\"")) {
                line = RawHttp.line(in);
            }
            // Rows arrive as they complete, long before the statement ends.
            assertThat(outcrop.progress("walk-away")).isPresent();
        }
        waitUntilEnded("walk-away");
        long calls = emulator.callCount("InvokeModel") - before;
        assertThat(calls).isLessThan(100);
        assertThat(post("?output_format=JSON_Compact", "SELECT 1 AS still_up").statusCode()).isEqualTo(200);
    }

    @Test
    void postCancel_stopsTheStatementWithThatQueryId() throws Exception {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(300)).build());
        CompletableFuture<HttpResponse<String>> running = postAsync("/?query_id=to-cancel&ai_max_concurrency=4", aiRows(2000));
        waitUntilRunning("to-cancel");

        HttpResponse<String> cancel = postAsync("/cancel?query_id=to-cancel", "").join();

        assertThat(cancel.statusCode()).isEqualTo(200);
        HttpResponse<String> outcome = running.join();
        assertThat(JSON.readTree(outcome.body()).path("errors").get(0).path("name").asText()).isEqualTo("QUERY_CANCELLED");
        assertThat(outcome.statusCode()).isEqualTo(400);
        HttpResponse<String> again = postAsync("/cancel?query_id=to-cancel", "").join();
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(again.body()).path("message").asText()).contains("no statement with query id 'to-cancel' is running");
    }

    @Test
    void queryParameters_areBoundAsValues_neverAsSqlText() throws Exception {
        String value = "it's; DROP LOCATION bedrock_role; --";
        String parameters = JSON.writeValueAsString(List.of(java.util.Map.of("name", "$1", "value", value),
                java.util.Map.of("name", "$2", "value", 42)));

        HttpResponse<String> response = post("query?output_format=JSON_Compact&query_parameters="
                + java.net.URLEncoder.encode(parameters, UTF_8), "SELECT $1 AS v, $2 + 1 AS n");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode row = JSON.readTree(response.body()).path("data").get(0);
        assertThat(row.get(0).asText()).isEqualTo(value);
        assertThat(row.get(1).asLong()).isEqualTo(43);
        assertThat(post("?output_format=JSON_Compact", "SELECT location_name FROM information_schema.locations").body()).contains("bedrock_role");

        HttpResponse<String> missing = post("?query_parameters=" + java.net.URLEncoder.encode("[{\"name\":\"$1\",\"value\":1}]", UTF_8),
                "SELECT $2 AS x");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).path("message").asText()).contains("the parameter $2 has no value");
        HttpResponse<String> notJson = post("?query_parameters=%5B", "SELECT $1 AS x");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).path("message").asText()).contains("query_parameters is not valid JSON");
    }

    @Test
    void asyncStatements_answerAtOnce_andReportThroughFbGetAsyncStatus() throws Exception {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(300)).build());
        HttpResponse<String> started = post("query?async=true&query_id=async-1&ai_max_concurrency=2", aiRows(20));

        assertThat(started.statusCode()).isEqualTo(200);
        String token = JSON.readTree(started.body()).path("token").asText();
        assertThat(JSON.readTree(started.body()).path("monitorSql").asText()).isEqualTo("CALL fb_GetAsyncStatus('" + token + "');");
        JsonNode running = asyncStatus(token);
        assertThat(running.path("status").asText()).isEqualTo("RUNNING");
        assertThat(running.path("query_id").asText()).isEqualTo("async-1");

        assertThat(post("query", "CANCEL QUERY WHERE query_id='async-1'").statusCode()).isEqualTo(200);
        waitUntilEnded("async-1");
        JsonNode cancelled = asyncStatus(token);
        assertThat(cancelled.path("status").asText()).isEqualTo("FAILED");
        assertThat(cancelled.path("error_message").asText()).contains("cancelled");

        String quick = JSON.readTree(post("query?async=true", "SELECT 1 AS one").body()).path("token").asText();
        for (int i = 0; i < 200 && asyncStatus(quick).path("status").asText().equals("RUNNING"); i++) {
            Thread.sleep(50);
        }
        assertThat(asyncStatus(quick).path("status").asText()).isEqualTo("ENDED_SUCCESSFULLY");
        assertThat(post("query", "CALL fb_GetAsyncStatus('unknown')").statusCode()).isEqualTo(404);
    }

    /** The status row as the Node.js SDK reads it: JSON_Compact, columns by name. */
    private static JsonNode asyncStatus(String token) throws Exception {
        JsonNode body = JSON.readTree(post("query?output_format=JSON_Compact", "CALL fb_GetAsyncStatus('" + token + "')").body());
        com.fasterxml.jackson.databind.node.ObjectNode row = JSON.createObjectNode();
        for (int i = 0; i < body.path("meta").size(); i++) {
            row.set(body.path("meta").get(i).path("name").asText(), body.path("data").get(0).get(i));
        }
        return row;
    }

    @Test
    void maxExecutionTime_stopsAStatementThatRunsLonger() throws Exception {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(3)).build());

        HttpResponse<String> response = post("?max_execution_time=1", aiRows(1));

        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("name").asText()).isEqualTo("STATEMENT_TIMEOUT");
    }

    @Test
    void useEngine_acceptsTheServicesOwnEngineOnly() throws Exception {
        assertThat(post("query", "USE ENGINE \"outcrop\"").statusCode()).isEqualTo(200);
        assertThat(post("query", "USE ENGINE outcrop;").statusCode()).isEqualTo(200);

        HttpResponse<String> other = post("query", "USE ENGINE \"prod_engine\"");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(other.body()).path("message").asText()).contains("'prod_engine' does not exist").contains("'outcrop'");
    }

    @Test
    void setInTheScript_comesBackAsUpdateParameters_andASettingParameterIsNotEchoed() throws Exception {
        HttpResponse<String> set = post("", "SET ai_max_concurrency = 3; SELECT 1 AS one");
        assertThat(set.headers().firstValue("Firebolt-Update-Parameters")).hasValue("ai_max_concurrency=3");

        HttpResponse<String> carried = post("?ai_max_concurrency=3", "SELECT 1 AS one");
        assertThat(carried.headers().firstValue("Firebolt-Update-Parameters")).isEmpty();

        HttpResponse<String> bad = post("?ai_max_concurrency=zero", "SELECT 1 AS one");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("message").asText()).contains("ai_max_concurrency");
    }

    private static void waitUntilRunning(String queryId) throws InterruptedException {
        for (int i = 0; i < 600 && outcrop.progress(queryId).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(outcrop.progress(queryId)).as("query " + queryId + " runs").isPresent();
    }

    private static void waitUntilEnded(String queryId) throws InterruptedException {
        for (int i = 0; i < 1200 && outcrop.progress(queryId).isPresent(); i++) {
            Thread.sleep(50);
        }
        assertThat(outcrop.progress(queryId)).as("query " + queryId + " ended").isEmpty();
        for (int i = 0; i < 600 && emulator.requestsInProgress() > 0; i++) {
            Thread.sleep(50);
        }
    }
}
