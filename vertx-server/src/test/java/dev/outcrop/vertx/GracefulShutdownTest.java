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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link OutcropServer#close()} (what SIGTERM runs): statements in flight, synchronous or {@code async=true}, finish within
 * the grace period, new requests meanwhile get a Firebolt-shaped 503, and a statement still running at the deadline is
 * stopped with a 503 {@code SERVER_SHUTTING_DOWN} (or, async, a FAILED status) that says the server did it, while a
 * client's own cancellation keeps its {@code QUERY_CANCELLED}. The emulator's latency makes the statements slow, a latch
 * holds the server open after the drain where a test asks what it was told, and nothing asserts a duration.
 */
final class GracefulShutdownTest {

    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";
    /** A thread per task: the common pool may have a single thread, and these tasks block. */
    private static final Executor THREADS = task -> {
        Thread thread = new Thread(task, "graceful-shutdown-test");
        thread.setDaemon(true);
        thread.start();
    };
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
    void close_stopsAStatementStillRunningAtTheDeadline_andAnswersItsClient503_notQueryCancelled() throws Exception {
        OutcropServer server = start(Duration.ofSeconds(1));
        Outcrop outcrop = server.injector().getInstance(Outcrop.class);
        BedrockEmulator emulator = server.injector().getInstance(BedrockEmulator.class);
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(100)).build());
        CompletableFuture<RawHttp.Response> stuck = CompletableFuture.supplyAsync(() -> rawPost(server,
                "/?query_id=too-slow&output_format=JSON_Compact", AI_ROW), THREADS);
        awaitRunning(outcrop, "too-slow");

        server.close();
        RawHttp.Response answer = stuck.join();

        // The server stopped it, not the client: 503 in Firebolt's error shape, saying so and where to go.
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(answer.body()).contains("\"name\":\"SERVER_SHUTTING_DOWN\"", "\"source\":\"Resource Limit\"",
                        "query too-slow was stopped by the server", "shutdown deadline", "outcrop.server.shutdown-grace-seconds = 1",
                        "another server of the deployment", "\"resolution\":")
                .doesNotContain("QUERY_CANCELLED");
        assertThat(outcrop.progress("too-slow")).isEmpty();
    }

    @Test
    void aClientsOwnCancel_duringTheDrain_keepsItsQueryCancelledAnswer_forASynchronousAndAnAsyncStatement() throws Exception {
        OutcropServer server = start(Duration.ofSeconds(60));
        Outcrop outcrop = server.injector().getInstance(Outcrop.class);
        server.injector().getInstance(BedrockEmulator.class).faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(100)).build());
        CompletableFuture<RawHttp.Response> mine = CompletableFuture.supplyAsync(() -> rawPost(server,
                "/?query_id=sync-mine&output_format=JSON_Compact", AI_ROW), THREADS);
        String token = submitAsync(server, "async-mine");
        awaitRunning(outcrop, "sync-mine");
        awaitRunning(outcrop, "async-mine");
        HeldClose close = HeldClose.start(server);
        try {
            awaitDraining(server);

            RawHttp.Response cancelled = post(server, "/cancel?query_id=sync-mine", "");
            RawHttp.Response cancelQuery = post(server, "/?output_format=JSON_Compact", "CANCEL QUERY WHERE query_id = 'async-mine'");
            RawHttp.Response answer = mine.join();
            close.awaitDrained();
            RawHttp.Response status = asyncStatus(server, token);

            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelQuery.status()).as(cancelQuery.body()).isEqualTo(200);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("\"name\":\"QUERY_CANCELLED\"", "was cancelled by").doesNotContain("SERVER_SHUTTING_DOWN");
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            assertThat(status.body()).contains("\"FAILED\"", "query async-mine was cancelled by query id").doesNotContain("stopped by the server");
        }
        finally {
            close.release();
        }
    }

    @Test
    void close_waitsForARunningAsyncStatement_whoseStatusThenReadsEndedSuccessfully() throws Exception {
        OutcropServer server = start(Duration.ofSeconds(60));
        Outcrop outcrop = server.injector().getInstance(Outcrop.class);
        server.injector().getInstance(BedrockEmulator.class).faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(3)).build());
        String token = submitAsync(server, "async-finishing");
        awaitRunning(outcrop, "async-finishing");
        HeldClose close = HeldClose.start(server);
        try {
            close.awaitDrained();
            // Asked after the drain, before the server closes: the drain waited for the statement, which ended well.
            RawHttp.Response status = asyncStatus(server, token);

            assertThat(status.status()).as(status.body()).isEqualTo(200);
            assertThat(status.body()).contains("\"ENDED_SUCCESSFULLY\"");
            assertThat(outcrop.progress("async-finishing")).isEmpty();
        }
        finally {
            close.release();
        }
    }

    @Test
    void close_stopsAnAsyncStatementStillRunningAtTheDeadline_whoseStatusSaysSo_andRefusesNewAsyncOnes() throws Exception {
        OutcropServer server = start(Duration.ofSeconds(1));
        Outcrop outcrop = server.injector().getInstance(Outcrop.class);
        server.injector().getInstance(BedrockEmulator.class).faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(100)).build());
        String token = submitAsync(server, "async-stuck");
        awaitRunning(outcrop, "async-stuck");
        HeldClose close = HeldClose.start(server);
        try {
            close.awaitDrained();
            RawHttp.Response status = asyncStatus(server, token);
            RawHttp.Response newAsync = post(server, "/?async=true&query_id=too-late&output_format=JSON_Compact", AI_ROW);
            RawHttp.Response newSync = post(server, "/?output_format=JSON_Compact", "SELECT 1 AS one");

            assertThat(outcrop.progress("async-stuck")).as("stopped, not left running").isEmpty();
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            assertThat(status.body()).contains("\"FAILED\"", "query async-stuck was stopped by the server", "shutdown deadline")
                    .doesNotContain("ENDED_SUCCESSFULLY").doesNotContain("\"RUNNING\"");
            for (RawHttp.Response refused : new RawHttp.Response[] {newAsync, newSync}) {
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.header("Connection")).isEqualTo("close");
                assertThat(refused.body()).contains("\"name\":\"SERVER_SHUTTING_DOWN\"", "this server is shutting down");
            }
            assertThat(outcrop.progress("too-late")).as("the refused async statement never started").isEmpty();
        }
        finally {
            close.release();
        }
    }

    private static RawHttp.Response rawPost(OutcropServer server, String target, String sql) {
        try {
            return post(server, target, sql);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts an AI statement with {@code async=true} and returns its token. */
    private static String submitAsync(OutcropServer server, String queryId) throws Exception {
        RawHttp.Response started = post(server, "/?async=true&query_id=" + queryId, AI_ROW);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"token\":\"([0-9a-f]+)\"").matcher(started.body());
        assertThat(token.find()).as(started.body()).isTrue();
        return token.group(1);
    }

    private static RawHttp.Response asyncStatus(OutcropServer server, String token) throws Exception {
        return post(server, "/?output_format=JSON_Compact", "CALL fb_GetAsyncStatus('" + token + "')");
    }

    /** Waits until the server refuses a new statement, which it does from the moment the drain begins. */
    private static void awaitDraining(OutcropServer server) throws Exception {
        for (int i = 0; i < 500; i++) {
            if (post(server, "/", "SELECT 1 AS one").status() == 503) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server did not start draining");
    }

    /**
     * {@link OutcropServer#close()} on a thread of its own, held after the drain and before anything is closed: the
     * first thing the closer runs is an action registered last, which waits for the test. So the test can ask what a
     * client asking before the process exits would be told, without racing the close.
     */
    private record HeldClose(CountDownLatch drained, CountDownLatch released, CompletableFuture<Void> closing) {

        static HeldClose start(OutcropServer server) {
            CountDownLatch drained = new CountDownLatch(1);
            CountDownLatch released = new CountDownLatch(1);
            server.onClose(() -> {
                drained.countDown();
                released.await();
            });
            return new HeldClose(drained, released, CompletableFuture.runAsync(server::close, THREADS));
        }

        void awaitDrained() throws InterruptedException {
            assertThat(drained.await(120, TimeUnit.SECONDS)).as("the drain ended").isTrue();
        }

        void release() {
            released.countDown();
            closing.join();
        }
    }
}
