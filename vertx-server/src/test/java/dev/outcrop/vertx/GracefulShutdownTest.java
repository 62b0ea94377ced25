package dev.outcrop.vertx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.vertx.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link OutcropServer#close()} (what SIGTERM runs): statements in flight finish within the grace period, new requests
 * meanwhile get a Firebolt-shaped 503, and a statement still running at the deadline is cancelled and told so.
 * The emulator's latency makes the statements slow; the margins are seconds, and nothing asserts a duration.
 */
final class GracefulShutdownTest {

    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";
    private static final String AI_ROW = "SELECT AI_QUERY('amazon.nova-micro-v1:0', 'slow', 'bedrock_role') AS answer";

    private static OutcropServer start(Duration grace) throws Exception {
        OutcropServer server = OutcropServer.start(ServerConfig.builder().port(0).shutdownGrace(grace).build(), new DemoModule());
        RawHttp.Response created = post(server, "/", "CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '"
                + ROLE + "' )");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return server;
    }

    private static RawHttp.Response post(OutcropServer server, String target, String sql) throws Exception {
        return RawHttp.send(server.port(), RawHttp.request("POST", target, HOST, sql.getBytes(UTF_8)));
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(OutcropServer server, String target, String sql) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target))
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitRunning(Outcrop outcrop, String queryId) throws InterruptedException {
        for (int i = 0; i < 600 && outcrop.progress(queryId).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(outcrop.progress(queryId)).as("query " + queryId + " runs").isPresent();
    }

    @Test
    void close_letsAStatementInFlightFinish_andRefusesNewRequestsMeanwhile() throws Exception {
        OutcropServer server = start(Duration.ofSeconds(60));
        Outcrop outcrop = server.injector().getInstance(Outcrop.class);
        server.injector().getInstance(BedrockEmulator.class).faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(3)).build());
        CompletableFuture<HttpResponse<String>> slow = postAsync(server, "/?query_id=in-flight&output_format=JSON_Compact", AI_ROW);
        awaitRunning(outcrop, "in-flight");

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        RawHttp.Response refused = null;
        for (int i = 0; i < 500 && refused == null; i++) {
            RawHttp.Response response = post(server, "/", "SELECT 1 AS one");
            if (response.status() == 503) {
                refused = response;
            }
        }
        boolean slowDoneWhenRefused = slow.isDone();
        RawHttp.Response ready = RawHttp.send(server.port(), RawHttp.request("GET", "/health/ready", HOST, null));
        RawHttp.Response alive = RawHttp.send(server.port(), RawHttp.request("GET", "/health", HOST, null));
        HttpResponse<String> finished = slow.join();
        closing.join();

        assertThat(refused).as("a new request was refused while the statement ran").isNotNull();
        assertThat(slowDoneWhenRefused).isFalse();
        assertThat(refused.header("Content-Type")).isEqualTo("application/json");
        assertThat(refused.header("Connection")).isEqualTo("close");
        assertThat(refused.body()).contains("\"name\":\"SERVER_SHUTTING_DOWN\"").contains("this server is shutting down");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(alive.status()).isEqualTo(200);
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
        assertThat(finished.body()).contains("Echo: slow");
    }

    @Test
    void close_cancelsAStatementStillRunningAtTheDeadline_andAnswersItsClient() throws Exception {
        OutcropServer server = start(Duration.ofSeconds(1));
        Outcrop outcrop = server.injector().getInstance(Outcrop.class);
        BedrockEmulator emulator = server.injector().getInstance(BedrockEmulator.class);
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(100)).build());
        CompletableFuture<HttpResponse<String>> stuck = postAsync(server, "/?query_id=too-slow&output_format=JSON_Compact", AI_ROW);
        awaitRunning(outcrop, "too-slow");

        server.close();
        HttpResponse<String> answer = stuck.join();

        assertThat(answer.body()).contains("\"name\":\"QUERY_CANCELLED\"");
        assertThat(answer.statusCode()).isBetween(400, 599);
        assertThat(outcrop.progress("too-slow")).isEmpty();
    }
}
