package dev.outcrop.vertx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.vertx.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stateless protocol's session headers, read byte for byte: {@code UNSET} of a setting the client sent answers
 * {@code Firebolt-Remove-Parameters}, {@code SET} answers {@code Firebolt-Update-Parameters}, and {@code USE ENGINE}
 * answers {@code Firebolt-Reset-Session}, as Firebolt's engine does and its SDKs read them.
 */
final class SessionHeadersTest {

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

    private static RawHttp.Response post(String target, String sql) throws Exception {
        return RawHttp.send(server.port(), RawHttp.request("POST", target, HOST, sql.getBytes(UTF_8)));
    }

    @Test
    void unsetOfSettingsTheClientSent_answersRemoveParameters_andLeavesTheOthers() throws Exception {
        RawHttp.Response response = post("/?ai_max_concurrency=3&time_zone=UTC&ai_max_retries=1",
                "UNSET ai_max_concurrency, ai_max_retries; SELECT 1 AS one");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Firebolt-Remove-Parameters")).isEqualTo("ai_max_concurrency,ai_max_retries");
        assertThat(response.headers()).doesNotContainKey("firebolt-update-parameters").doesNotContainKey("firebolt-reset-session");
    }

    @Test
    void unsetThenSet_isAnUpdate_andSetThenUnsetOfANewSetting_isNothing() throws Exception {
        RawHttp.Response reset = post("/?ai_max_retries=1", "UNSET ai_max_retries; SET ai_max_retries = 4");
        RawHttp.Response nothing = post("/", "SET ai_max_retries = 2; UNSET ai_max_retries; SELECT 1 AS one");

        assertThat(reset.header("Firebolt-Update-Parameters")).isEqualTo("ai_max_retries=4");
        assertThat(reset.headers()).doesNotContainKey("firebolt-remove-parameters");
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.headers()).doesNotContainKey("firebolt-update-parameters").doesNotContainKey("firebolt-remove-parameters");
    }

    @Test
    void removeParameters_comeWithAStreamedAnswerToo() throws Exception {
        RawHttp.Response response = post("/?output_format=JSONLines_Compact&time_zone=UTC", "UNSET time_zone; SELECT 1 AS one");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("FINISH_SUCCESSFULLY");
        assertThat(response.header("Firebolt-Remove-Parameters")).isEqualTo("time_zone");
    }

    @Test
    void useEngine_answersResetSession_andAFailedStatementChangesNothing() throws Exception {
        RawHttp.Response engine = post("/query?time_zone=UTC", "USE ENGINE \"outcrop\"");
        RawHttp.Response failed = post("/?time_zone=UTC", "UNSET time_zone; SELECT nope FROM nowhere");

        assertThat(engine.status()).isEqualTo(200);
        assertThat(engine.headers()).containsEntry("firebolt-reset-session", "");
        assertThat(failed.status()).isEqualTo(404);
        assertThat(failed.headers()).doesNotContainKey("firebolt-remove-parameters");
    }

    @Test
    void unsetNeedsAName() throws Exception {
        RawHttp.Response response = post("/", "UNSET");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("a setting name after UNSET");
    }
}
