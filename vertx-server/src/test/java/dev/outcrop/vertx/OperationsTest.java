package dev.outcrop.vertx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.vertx.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an operator sees: liveness and readiness, Prometheus metrics, and one access-log line per request without SQL. */
final class OperationsTest {

    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static OutcropServer server;

    @BeforeAll
    static void start() {
        server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Response get(String path) throws Exception {
        return RawHttp.send(server.port(), RawHttp.request("GET", path, HOST, null));
    }

    @Test
    void healthIsLiveness_andReadyChecksTheCatalog() throws Exception {
        assertThat(get("/health").body()).isEqualTo("ok\n");
        RawHttp.Response ready = get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
    }

    @Test
    void metrics_countRequestsByRouteAndStatus_inPrometheusFormat() throws Exception {
        RawHttp.send(server.port(), RawHttp.request("POST", "/", HOST, "SELECT 1 AS one".getBytes(UTF_8)));
        RawHttp.send(server.port(), RawHttp.request("POST", "/?colour=red", HOST, "SELECT 1".getBytes(UTF_8)));

        RawHttp.Response metrics = get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body())
                .containsPattern("outcrop_http_requests_seconds_count\\{route=\"query\",status=\"200\"} [1-9]")
                .containsPattern("outcrop_http_requests_seconds_count\\{route=\"query\",status=\"400\"} [1-9]")
                .contains("outcrop_http_requests_seconds_bucket{route=\"query\",status=\"200\",le=")
                .contains("outcrop_ai_calls_in_flight ")
                .contains("outcrop_ai_calls_max ")
                .contains("outcrop_access_log_dropped_total ");
    }

    @Test
    void metrics_countRequestsInProgressOnEveryListener() throws Exception {
        int second = server.listen(ServerConfig.builder().port(0).build());

        // The scrape is itself a request in progress, here on the second listener.
        RawHttp.Response metrics = RawHttp.send(second, RawHttp.request("GET", "/metrics", HOST, null));

        assertThat(metrics.body()).containsPattern("(?m)^outcrop_http_requests_in_progress [1-9]");
    }

    @Test
    void accessLog_hasOneLinePerRequest_withQueryIdAndPrincipal_butNoSql() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, UTF_8));
        try {
            // A marker: the access log writes in order, so lines before its line are earlier tests' requests.
            RawHttp.send(server.port(), RawHttp.request("POST", "/cancel", HOST, new byte[0]));
            RawHttp.send(server.port(), RawHttp.request("POST", "/?query_id=ops-1&query_label=secret_label_text", HOST,
                    "SELECT 'sql_text_never_logged' AS x".getBytes(UTF_8)));
            RawHttp.send(server.port(), RawHttp.request("PUT", "/query", HOST, "SELECT 'also_not_logged'".getBytes(UTF_8)));
            get("/health");
            // The access log writes on its own thread: wait for its lines (a guard against a hang, not a timing check).
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (accessLines(captured).size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        finally {
            System.setErr(original);
        }
        String log = captured.toString(UTF_8);

        assertThat(accessLines(captured)).hasSize(3)
                .as("written by the access log's thread, never the event loop").allMatch(line -> line.contains("[outcrop-access-log]"));
        assertThat(log).containsPattern("POST query 200 \\d+ms query_id=ops-1 principal=admin bytes=\\d+")
                .containsPattern("PUT query 405 \\d+ms query_id=- principal=admin")
                .containsPattern("GET health 200 ");
        assertThat(log).doesNotContain("sql_text_never_logged").doesNotContain("also_not_logged").doesNotContain("secret_label_text");
    }

    /** The access lines after the marker's. */
    private static java.util.List<String> accessLines(ByteArrayOutputStream captured) {
        java.util.List<String> lines = captured.toString(UTF_8).lines().filter(line -> line.contains("dev.outcrop.vertx.access")).toList();
        int marker = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" POST cancel ")) {
                marker = i;
            }
        }
        return marker < 0 ? java.util.List.of() : lines.subList(marker + 1, lines.size());
    }
}
