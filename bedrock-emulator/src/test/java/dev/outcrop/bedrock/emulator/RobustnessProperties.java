package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing: malformed JSON, random bytes, broken HTTP and garbage headers get a 4xx answer (never a 5xx, never a
 * hang), and the emulator keeps serving afterwards.
 */
class RobustnessProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BedrockEmulator emulator;

    @BeforeContainer
    static void start() {
        emulator = BedrockEmulator.start(EmulatorConfig.builder().port(0).callLogLimit(100).build());
    }

    @AfterContainer
    static void stop() {
        emulator.close();
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.of(emulator.modelIds().toArray(String[]::new)).map(id -> id.replace(":", "%3A"));
    }

    @Provide
    Arbitrary<byte[]> junkBodies() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(500).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-eEtruefalsnl abc\\")
                .ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> mutatedValid = Combinators.combine(
                Arbitraries.of("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}",
                        "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                        "{\"inputText\":\"x\",\"dimensions\":256}", "{\"texts\":[\"x\"],\"input_type\":\"search_query\"}",
                        "{\"prompt\":\"x\",\"max_gen_len\":5}"),
                Arbitraries.integers().between(0, 200), Arbitraries.chars().ascii())
                .as((s, at, c) -> {
                    int i = Math.min(at, s.length() - 1);
                    return (s.substring(0, i) + c + s.substring(i + 1)).getBytes(StandardCharsets.UTF_8);
                });
        return Arbitraries.oneOf(bytes, text, jsonish, mutatedValid);
    }

    @Property(tries = 150)
    void signedJunkBodiesGetAClientErrorOrAnAnswer(@ForAll("models") String model, @ForAll("junkBodies") byte[] body,
                                                  @ForAll("operations") String operation) throws Exception {
        HttpResponse<String> response = SignedHttp.post(emulator.endpoint(), "/model/" + model + "/" + operation, body,
                "application/json", "bedrock");
        int status = response.statusCode();
        assertThat(status).as(response.body()).isIn(200, 400);
        if (status == 400) {
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("ValidationException:"));
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.get("message").asText()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> operations() {
        return Arbitraries.of("invoke", "invoke-with-response-stream", "converse", "converse-stream");
    }

    @Property(tries = 100)
    void signedJunkStsRequestsGetQueryErrors(@ForAll("junkBodies") byte[] body) throws Exception {
        HttpResponse<String> response = SignedHttp.post(emulator.endpoint(), "/", body,
                "application/x-www-form-urlencoded; charset=utf-8", "sts");
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.body()).contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">");
    }

    @Property(tries = 150)
    void garbageAuthorizationHeadersAreRefusedNotCrashedOn(@ForAll("headerValues") String authorization,
                                                          @ForAll("headerValues") String date) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/model/amazon.nova-micro-v1%3A0/invoke"))
                .header("Authorization", authorization)
                .header("X-Amz-Date", date)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(400, 403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).isPresent();
    }

    @Provide
    Arbitrary<String> headerValues() {
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300).map(String::strip)
                .filter(s -> !s.isEmpty());
        Arbitrary<String> almost = Combinators.combine(Arbitraries.of("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 Credential=",
                        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=",
                        "20250101T000000Z", "Bearer "), printable)
                .as((a, b) -> a + b);
        return Arbitraries.oneOf(printable, almost);
    }

    @Property(tries = 60)
    void brokenHttpOnTheSocketNeverTakesTheServerDown(@ForAll("rawRequests") byte[] raw) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(12);
            String statusLine = new String(answer, StandardCharsets.US_ASCII);
            // Either nothing (connection closed) or an HTTP answer: a refusal (4xx, or the 501/505 HTTP defines for an
            // unsupported method or version) or, for a request that happens to be valid (an admin read), a 2xx.
            // Never 500/502/503/504, the signs of an internal failure.
            if (!statusLine.isEmpty()) {
                assertThat(statusLine).startsWith("HTTP/");
                int status = Integer.parseInt(statusLine.substring(statusLine.indexOf(' ') + 1).trim());
                assertThat(status).as(statusLine).isNotIn(500, 502, 503, 504).isBetween(200, 505);
            }
        }
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                URI.create(emulator.endpoint() + "/_emulator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Provide
    Arbitrary<byte[]> rawRequests() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3000);
        Arbitrary<byte[]> brokenHead = Combinators.combine(
                Arbitraries.of("POST", "GET", "PUT", "DELETE", "PRI", "BREW", ""),
                Arbitraries.of("/", "/model/amazon.nova-micro-v1%3A0/invoke", "/model/%ZZ/invoke", "/_emulator/calls",
                        "*", "http://x/", "/model//invoke", "/model/a.b/converse-stream"),
                Arbitraries.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9", ""),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200),
                Arbitraries.of("Content-Length: 5", "Content-Length: -1", "Content-Length: 99999999999999999999",
                        "Transfer-Encoding: chunked", "Transfer-Encoding: gzip", "Host:", "Expect: 100-continue", ""))
                .as((method, path, version, junk, header) -> (method + " " + path + " " + version + "\r\n" + header
                        + "\r\nX-Junk: " + junk + "\r\n\r\n" + junk).getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(noise, brokenHead);
    }
}
