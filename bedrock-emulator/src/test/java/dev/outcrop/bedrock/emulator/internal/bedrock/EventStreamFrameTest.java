package dev.outcrop.bedrock.emulator.internal.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Frames against published vectors: awslabs/aws-c-event-stream's deserializer tests and the frames of
 * bedrock-wire.md §2.7 (a Claude chunk, an exception frame, a ConverseStream delta).
 */
class EventStreamFrameTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyMessage() {
        assertThat(HEX.formatHex(EventStreamFrame.encode(new byte[0]))).isEqualTo("000000100000000005c248eb7d98c8ff");
    }

    @Test
    void payloadWithoutHeaders() {
        assertThat(HEX.formatHex(EventStreamFrame.encode(utf8("{'foo':'bar'}"))))
                .isEqualTo("0000001d00000000fd528c5a" + HEX.formatHex(utf8("{'foo':'bar'}")) + "c3653936");
    }

    @Test
    void oneStringHeader() {
        byte[] frame = EventStreamFrame.encode(utf8("{'foo':'bar'}"), "content-type", "application/json");
        assertThat(HEX.formatHex(Arrays.copyOfRange(frame, 0, 12))).isEqualTo("0000003d0000002007fd8396");
        assertThat(HEX.formatHex(Arrays.copyOfRange(frame, frame.length - 4, frame.length))).isEqualTo("8d9c08b1");
    }

    @Test
    void bedrockChunkByteForByte() {
        String chunk = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}";
        byte[] payload = utf8("{\"bytes\":\"" + Base64.getEncoder().encodeToString(utf8(chunk)) + "\"}");
        assertThat(HEX.formatHex(EventStreamFrame.event("chunk", payload))).isEqualTo(
                "000000d70000004bbff9e4380b3a6576656e742d747970650700056368756e6b0d3a636f6e74656e742d747970650700106170"
                + "706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b226279746573223a2265794a3065"
                + "58426c496a6f695932397564475675644639696247396a6131396b5a57783059534973496d6c755a475634496a6f774c434a6b"
                + "5a5778305953493665794a306558426c496a6f69644756346446396b5a57783059534973496e526c654851694f694a4961534a"
                + "3966513d3d227d4b8e9495");
    }

    @Test
    void exceptionFrame() {
        byte[] frame = EventStreamFrame.exception("throttlingException",
                utf8("{\"message\":\"Too many requests, please wait before trying again.\"}"));
        assertThat(frame).hasSize(178);
        assertThat(HEX.formatHex(Arrays.copyOfRange(frame, 0, 12))).isEqualTo("000000b2000000613590d5d3");
        assertThat(HEX.formatHex(Arrays.copyOfRange(frame, 174, 178))).isEqualTo("e8ffb26a");
    }

    @Test
    void converseStreamDelta() {
        byte[] frame = EventStreamFrame.event("contentBlockDelta",
                utf8("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"},\"p\":\"abcd\"}"));
        assertThat(frame).hasSize(159);
        assertThat(HEX.formatHex(Arrays.copyOfRange(frame, 0, 12))).isEqualTo("0000009f00000057c37babff");
        assertThat(HEX.formatHex(Arrays.copyOfRange(frame, 155, 159))).isEqualTo("f2ace5ff");
    }

    @Test
    void unmodeledErrorFrame() {
        byte[] frame = EventStreamFrame.encode(new byte[0], ":message-type", "error", ":error-code", "InternalFailure",
                ":error-message", "An internal error occurred.");
        assertThat(frame).hasSize(113);
        assertThat(HEX.formatHex(Arrays.copyOfRange(frame, 0, 12))).isEqualTo("00000071000000619b2547d8");
        assertThat(HEX.formatHex(Arrays.copyOfRange(frame, 109, 113))).isEqualTo("9002cf1e");
    }
}
