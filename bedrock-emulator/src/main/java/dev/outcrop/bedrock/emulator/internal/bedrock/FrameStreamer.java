package dev.outcrop.bedrock.emulator.internal.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.fault.FaultDecision;
import dev.outcrop.bedrock.emulator.internal.http.Exchange;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockErrorType;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Writes an event-stream response frame by frame, applying the stream faults: a slow first byte, a delay between
 * frames, and a cut after N frames — either an exception frame (the only way to report an error once the 200 is
 * sent) or a dropped connection.
 */
final class FrameStreamer {
    private final Vertx vertx;

    FrameStreamer(Vertx vertx) {
        this.vertx = vertx;
    }

    void stream(Exchange ex, FaultDecision fault, List<byte[]> frames, String... headers) {
        Runnable start = () -> {
            if (ex.closed()) {
                return;
            }
            ex.startStream("application/vnd.amazon.eventstream", headers);
            emit(ex, fault, frames, 0);
        };
        if (fault.firstByteDelayMillis() > 0) {
            vertx.setTimer(fault.firstByteDelayMillis(), t -> start.run());
        } else {
            start.run();
        }
    }

    /** Writes frames from {@code index} on; with an inter-frame delay the rest continues from a timer. */
    private void emit(Exchange ex, FaultDecision fault, List<byte[]> frames, int index) {
        int i = index;
        while (true) {
            if (ex.closed()) {
                return;
            }
            if (fault.cutAfterFrames() >= 0 && i >= fault.cutAfterFrames() && i < frames.size()) {
                cut(ex, fault);
                return;
            }
            if (i >= frames.size()) {
                ex.endStream();
                return;
            }
            ex.write(frames.get(i));
            i++;
            if (fault.chunkDelayMillis() > 0 && i < frames.size()) {
                int next = i;
                vertx.setTimer(fault.chunkDelayMillis(), t -> emit(ex, fault, frames, next));
                return;
            }
        }
    }

    private static void cut(Exchange ex, FaultDecision fault) {
        if (fault.streamException() == null) {
            ex.abort();
            return;
        }
        String name = fault.streamException();
        BedrockErrorType type = BedrockErrorType.byCode(Character.toUpperCase(name.charAt(0)) + name.substring(1));
        if (type == null) {
            type = BedrockErrorType.INTERNAL_SERVER;
        }
        ObjectNode payload = Json.object();
        payload.put("message", FaultMessages.of(type));
        if (type == BedrockErrorType.MODEL_STREAM_ERROR) {
            payload.put("originalStatusCode", 500);
            payload.put("originalMessage", "Emulated model failure mid-stream.");
        }
        ex.errorType(type.code());
        ex.write(EventStreamFrame.exception(type.eventName(), Json.bytes(payload)));
        ex.endStream();
    }
}
