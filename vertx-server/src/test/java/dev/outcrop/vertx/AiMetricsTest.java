package dev.outcrop.vertx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.vertx.config.ServerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after AI statements against the emulator: calls by function, model and outcome, tokens (equal to
 * what the account's quota was charged), throttles, retries and rows in flight, and none of the statement's text.
 */
final class AiMetricsTest {

    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";
    private static final String MODEL = "amazon.nova-micro-v1:0";
    private static final String SERIES = "function=\"AI_QUERY\",model=\"" + MODEL + "\"";
    private static OutcropServer server;
    private static BedrockEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule());
        emulator = server.injector().getInstance(BedrockEmulator.class);
        assertThat(post("/", "CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' )").status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Response post(String target, String sql) throws Exception {
        return RawHttp.send(server.port(), RawHttp.request("POST", target, HOST, sql.getBytes(UTF_8)));
    }

    private static String metrics() throws Exception {
        return RawHttp.send(server.port(), RawHttp.request("GET", "/metrics", HOST, null)).body();
    }

    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static long usage() throws Exception {
        RawHttp.Response quotas = post("/", "SELECT usage FROM information_schema.quotas");
        String[] lines = quotas.body().split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }

    private static String rows(String prompt, int count) {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            values.append(i > 1 ? "," : "").append('(').append(i).append(')');
        }
        return "SELECT AI_QUERY('" + MODEL + "', '" + prompt + " ' || CAST(c AS TEXT), 'bedrock_role') FROM (VALUES " + values + ") AS t(c)";
    }

    @Test
    void aiCalls_areCountedByModelAndOutcome_withTokensThrottlesRetriesAndRowsInFlight_butNoStatementText() throws Exception {
        long usedBefore = usage();
        RawHttp.Response ok = post("/", rows("prompt_text_never_in_metrics", 2));

        emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build());
        RawHttp.Response throttled = post("/?ai_max_retries=2", rows("throttled_prompt_text", 1));
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());
        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/", rows("slow_prompt_text", 3));
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double inFlightWhileRunning = 0;
        for (int i = 0; i < 300 && inFlightWhileRunning < 3 && !slow.isDone(); i++) {
            inFlightWhileRunning = value(metrics(), "outcrop_ai_rows_in_flight");
            Thread.sleep(10);
        }
        assertThat(slow.join().status()).isEqualTo(200);
        emulator.faults().reset();
        String after = metrics();
        long charged = usage() - usedBefore;

        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(value(after, "outcrop_ai_calls_total{" + SERIES + ",outcome=\"succeeded\"}")).isEqualTo(5.0);
        assertThat(value(after, "outcrop_ai_calls_total{" + SERIES + ",outcome=\"throttled\"}")).isEqualTo(3.0);
        assertThat(value(after, "outcrop_ai_throttles_total{" + SERIES + "}")).isEqualTo(3.0);
        assertThat(value(after, "outcrop_ai_retries_total{" + SERIES + "}")).isEqualTo(2.0);
        assertThat(charged).isPositive();
        double input = value(after, "outcrop_ai_tokens_total{direction=\"input\"," + SERIES + "}");
        double output = value(after, "outcrop_ai_tokens_total{direction=\"output\"," + SERIES + "}");
        assertThat(input).isPositive();
        assertThat(output).isPositive();
        assertThat(input + output).as("the tokens the account's quota was charged").isEqualTo((double) charged);
        assertThat(inFlightWhileRunning).isEqualTo(3.0);
        assertThat(value(after, "outcrop_ai_rows_in_flight")).isZero();
        assertThat(after).doesNotContain("prompt_text").doesNotContain("bedrock_role").doesNotContain(ROLE)
                .doesNotContain(EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY).doesNotContain("my_account").doesNotContain("SELECT");
    }

    @Test
    void aModelIdThatIsNotOne_isNotALabel() throws Exception {
        post("/", "SELECT AI_QUERY('not a model; secret words', 'x', 'bedrock_role', TRUE)");

        assertThat(metrics()).doesNotContain("secret words").contains("model=\"invalid\"");
    }
}
