package dev.outcrop.bedrock.emulator.internal.bedrock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Encodes {@code application/vnd.amazon.eventstream} messages: a 12-byte prelude (total length, headers length,
 * CRC32 of those 8 bytes), string-typed headers, the payload, and a CRC32 of everything before it.
 */
public final class EventStreamFrame {
    private static final byte STRING_TYPE = 7;

    private EventStreamFrame() {
    }

    /** A normal event: {@code :event-type}, {@code :content-type}, {@code :message-type=event}, in AWS's order. */
    public static byte[] event(String eventType, byte[] jsonPayload) {
        return encode(jsonPayload, ":event-type", eventType, ":content-type", "application/json",
                ":message-type", "event");
    }

    /** A modeled error inside the stream, e.g. {@code throttlingException}. */
    public static byte[] exception(String exceptionType, byte[] jsonPayload) {
        return encode(jsonPayload, ":exception-type", exceptionType, ":content-type", "application/json",
                ":message-type", "exception");
    }

    /** Encodes a message whose headers are all strings, given as name/value pairs. */
    public static byte[] encode(byte[] payload, String... headers) {
        byte[][] names = new byte[headers.length / 2][];
        byte[][] values = new byte[headers.length / 2][];
        int headersLength = 0;
        for (int i = 0; i < names.length; i++) {
            names[i] = headers[2 * i].getBytes(StandardCharsets.UTF_8);
            values[i] = headers[2 * i + 1].getBytes(StandardCharsets.UTF_8);
            if (names[i].length > 255 || values[i].length > 32767) {
                throw new IllegalArgumentException("event stream header too long: " + headers[2 * i]);
            }
            headersLength += 1 + names[i].length + 1 + 2 + values[i].length;
        }
        int total = 12 + headersLength + payload.length + 4;
        ByteBuffer buf = ByteBuffer.allocate(total);
        buf.putInt(total);
        buf.putInt(headersLength);
        buf.putInt((int) crc(buf.array(), 0, 8));
        for (int i = 0; i < names.length; i++) {
            buf.put((byte) names[i].length);
            buf.put(names[i]);
            buf.put(STRING_TYPE);
            buf.putShort((short) values[i].length);
            buf.put(values[i]);
        }
        buf.put(payload);
        buf.putInt((int) crc(buf.array(), 0, total - 4));
        return buf.array();
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
