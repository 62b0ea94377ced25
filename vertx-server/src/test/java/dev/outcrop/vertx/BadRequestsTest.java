package dev.outcrop.vertx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.vertx.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests as users and hostile pages send them, byte for byte: each gets a fitting status and, when
 * refused, Firebolt's error body naming what was wrong, and the server stays healthy afterwards.
 */
final class BadRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    static Stream<Arguments> requests() throws IOException {
        String longStatement = "SELECT '" + "x".repeat(100 * 1024) + "' AS long_text";
        return Stream.of(
                refused("an empty body", post("/", "", new byte[0]), 400, "the request body is empty"),
                answered("curl's default form content type with a 100 KB statement",
                        post("/", "Content-Type: application/x-www-form-urlencoded\r\n", longStatement.getBytes(UTF_8)), "x".repeat(100 * 1024)),
                answered("a gzip body", post("/query", "Content-Encoding: gzip\r\n", gzip("SELECT 40 + 2 AS answer")), "42"),
                refused("a body marked gzip that is not", post("/", "Content-Encoding: gzip\r\n", "SELECT 1".getBytes(UTF_8)), 400, "not valid gzip"),
                refused("an unknown content encoding", post("/", "Content-Encoding: br\r\n", "SELECT 1".getBytes(UTF_8)), 415, "'br' is not supported"),
                refused("invalid UTF-8 in the body", post("/", "", bytes("SELECT 'caf", 0xE9, "' AS x")), 400,
                        "the request body is not valid UTF-8 (bad byte at offset 11)"),
                refused("invalid UTF-8 in a gzip body", post("/", "Content-Encoding: gzip\r\n", gzip(bytes("SELECT '", 0xC3, 0x28, "'"))), 400,
                        "not valid UTF-8"),
                refused("invalid UTF-8 percent-encoded in a parameter", post("/?query_label=caf%E9", "", "SELECT 1".getBytes(UTF_8)), 400,
                        "the query parameter query_label is not valid UTF-8"),
                refused("a raw non-UTF-8 byte in the query string",
                        RawHttp.request("POST", "/?query_label=caf\u00e9", HOST, "SELECT 1".getBytes(UTF_8)), 400, "is not valid UTF-8"),
                refused("a 30 MB body", post("/", "Content-Type: text/plain\r\n", new byte[30 << 20]), 413, "larger than the limit of 1048576 bytes"),
                refused("CR/LF in a parameter", post("/?database=fire%0D%0Abolt", "", "SELECT 1".getBytes(UTF_8)), 400,
                        "the query parameter database holds the control character U+000D"),
                refused("CR/LF in a parameter name", post("/?data%0Abase=x", "", "SELECT 1".getBytes(UTF_8)), 400, "control character U+000A"),
                refused("CR/LF in a database identifier", post("/", "", "USE DATABASE \"fire\r\nbolt\"".getBytes(UTF_8)), 400,
                        "holds the control character U+000D"),
                refused("a 300-character location name", post("/", "", ("CREATE LOCATION \"" + "l".repeat(300) + "\" WITH SOURCE = AMAZON_BEDROCK "
                        + "CREDENTIALS = (AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess')").getBytes(UTF_8)), 400,
                        "is 300 characters long, but the catalog keeps names of at most 255 characters"),
                refused("a location name holding NUL", post("/", "", ("CREATE LOCATION \"a\u0000b\" WITH SOURCE = AMAZON_BEDROCK "
                        + "CREDENTIALS = (AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess')").getBytes(UTF_8)), 400,
                        "holds a NUL character, which the catalog cannot keep"),
                refused("an unknown output_format", post("/?output_format=XML", "", "SELECT 1".getBytes(UTF_8)), 400,
                        "output_format 'XML' is not supported"),
                refused("an unknown parameter", post("/?colour=blue", "", "SELECT 1".getBytes(UTF_8)), 400, "the query parameter 'colour' is not known"),
                refused("a parameter given twice", post("/?query_id=a&query_id=b", "", "SELECT 1".getBytes(UTF_8)), 400, "query_id is given twice"),
                refused("GET /", RawHttp.request("GET", "/", HOST, null), 405, "the method GET is not allowed on /"),
                refused("PUT /query", RawHttp.request("PUT", "/query", HOST, "SELECT 1".getBytes(UTF_8)), 405, "the method PUT is not allowed on /query"),
                refused("an unknown path", post("/nowhere", "", "SELECT 1".getBytes(UTF_8)), 404, "there is nothing at POST /nowhere"),
                refused("a cross-origin text/plain POST running DDL",
                        post("/", "Origin: http://evil.example\r\nContent-Type: text/plain\r\n", ("CREATE LOCATION from_evil WITH SOURCE = AMAZON_BEDROCK "
                                + "CREDENTIALS = (AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess')").getBytes(UTF_8)), 403,
                        "the web origin 'http://evil.example' are refused"),
                refused("the origin 'null' of a sandboxed page", post("/", "Origin: null\r\n", "SELECT 1".getBytes(UTF_8)), 403, "web origin 'null'"),
                answered("a page served from localhost", post("/", "Origin: http://localhost:8080\r\n", "SELECT 7 AS seven".getBytes(UTF_8)), "7"),
                refused("a non-loopback Host (DNS rebinding)",
                        RawHttp.request("POST", "/", "Host: rebind.evil.example:3473\r\n", "SELECT 1".getBytes(UTF_8)), 421,
                        "the Host header 'rebind.evil.example' is not a loopback name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void eachRequest_getsAFittingAnswer_andTheServerStaysHealthy(String what, byte[] request, int status, String expected) throws Exception {
        RawHttp.Response response = RawHttp.send(server.port(), request);

        assertThat(response.status()).as(what).isEqualTo(status);
        if (status == 200) {
            assertThat(response.body()).contains(expected);
        }
        else {
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = JSON.readTree(response.body());
            JsonNode error = body.path("errors").get(0);
            assertThat(error.path("description").asText()).as(what).contains(expected);
            assertThat(error.path("name").asText()).isNotEmpty();
            assertThat(error.path("severity").asText()).isEqualTo("ERROR");
            assertThat(error.path("source").asText()).isEqualTo("User Error");
            assertThat(body.path("message").asText()).contains(expected);
        }
        assertThat(RawHttp.send(server.port(), RawHttp.request("GET", "/health", HOST, null)).body()).isEqualTo("ok\n");
        RawHttp.Response locations = RawHttp.send(server.port(), post("/?output_format=JSON_Compact", "",
                "SELECT location_name FROM information_schema.locations".getBytes(UTF_8)));
        assertThat(locations.status()).isEqualTo(200);
        assertThat(locations.body()).doesNotContain("from_evil");
    }

    @Test
    void oneKeepAliveConnection_carriesRefusedAndAnsweredRequestsInTurn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[][] requests = {
                post("/?colour=blue", "", "SELECT 1".getBytes(UTF_8)),
                post("/query", "Content-Type: application/x-www-form-urlencoded\r\n", "SELECT 1 + 1 AS two".getBytes(UTF_8)),
                RawHttp.request("GET", "/", HOST, null),
                post("/", "", bytes("SELECT '", 0xFF, "'")),
                post("/", "", "SELECT 3 AS three".getBytes(UTF_8))};
            int[] statuses = new int[requests.length];
            String last = null;
            for (int i = 0; i < requests.length; i++) {
                out.write(requests[i]);
                out.flush();
                RawHttp.Response response = RawHttp.read(in);
                statuses[i] = response.status();
                last = response.body();
            }
            assertThat(statuses).containsExactly(400, 200, 405, 400, 200);
            assertThat(last).endsWith("\n3\n");
        }
    }

    private static Arguments refused(String what, byte[] request, int status, String expected) {
        return Arguments.of(what, request, status, expected);
    }

    private static Arguments answered(String what, byte[] request, String expected) {
        return Arguments.of(what, request, 200, expected);
    }

    private static byte[] post(String target, String headers, byte[] body) {
        return RawHttp.request("POST", target, HOST + headers, body);
    }

    private static byte[] gzip(String text) throws IOException {
        return gzip(text.getBytes(UTF_8));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    /** Text and single bytes, in order: for bytes that are not UTF-8. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(UTF_8));
            }
            else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
