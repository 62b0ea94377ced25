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
                .contains("outcrop_ai_calls_max ");
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
            RawHttp.send(server.port(), RawHttp.request("POST", "/?query_id=ops-1&query_label=secret_label_text", HOST,
                    "SELECT 'sql_text_never_logged' AS x".getBytes(UTF_8)));
            RawHttp.send(server.port(), RawHttp.request("PUT", "/query", HOST, "SELECT 'also_not_logged'".getBytes(UTF_8)));
            get("/health");
        }
        finally {
            System.setErr(original);
        }
        String log = captured.toString(UTF_8);

        assertThat(log.lines().filter(line -> line.contains("dev.outcrop.vertx.access"))).hasSize(3);
        assertThat(log).containsPattern("POST query 200 \\d+ms query_id=ops-1 principal=admin bytes=\\d+")
                .containsPattern("PUT query 405 \\d+ms query_id=- principal=admin")
                .containsPattern("GET health 200 ");
        assertThat(log).doesNotContain("sql_text_never_logged").doesNotContain("also_not_logged").doesNotContain("secret_label_text");
    }
}
