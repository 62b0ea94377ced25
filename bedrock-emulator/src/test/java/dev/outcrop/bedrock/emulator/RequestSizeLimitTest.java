package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies above the limit get a clear 413 without the emulator reading (or keeping) them. */
class RequestSizeLimitTest {

    private static String exchange(BedrockEmulator emulator, String head, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (java.io.IOException e) {
                // The server may close before reading everything; the answer is already on its way.
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void declaredLengthAboveBedrocksLimitIs413() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.builder().port(0).build())) {
            String answer = exchange(emulator, "POST /model/amazon.nova-micro-v1%3A0/invoke HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 25000001\r\n\r\n",
                    "{\"messages\":".getBytes(StandardCharsets.US_ASCII));
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("x-amzn-ErrorType: ValidationException:");
            String json = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertThat(new ObjectMapper().readTree(json).get("message").asText())
                    .isEqualTo("Request body of 25000001 bytes exceeds the maximum allowed size of 25000000 bytes.");
            assertThat(emulator.calls()).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo(413);
                assertThat(c.requestBytes()).isZero();
            });
        }
    }

    @Test
    void chunkedBodyAboveAConfiguredLimitIs413() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.builder().port(0).maxRequestBytes(1000).build())) {
            StringBuilder chunks = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                chunks.append("190\r\n").append("x".repeat(400)).append("\r\n");
            }
            chunks.append("0\r\n\r\n");
            String answer = exchange(emulator, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
                    chunks.toString().getBytes(StandardCharsets.US_ASCII));
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("<Code>RequestEntityTooLarge</Code>")
                    .contains("Request body of 2000 bytes exceeds the maximum allowed size of 1000 bytes.");
        }
    }
}
