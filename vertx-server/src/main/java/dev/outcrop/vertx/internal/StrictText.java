package dev.outcrop.vertx.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding that refuses bytes which are not UTF-8 instead of turning them into U+FFFD, so that a
 * value is never silently changed on its way into the catalog or a prompt.
 */
final class StrictText {

    private StrictText() {
    }

    /**
     * @param what names the input for the error message, such as "the request body"
     * @throws RequestRefused (400) naming {@code what} and the byte offset of the first bad byte
     */
    static String utf8(byte[] bytes, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        }
        catch (MalformedInputException e) {
            throw RequestRefused.badRequest(what + " is not valid UTF-8 (bad byte at offset " + in.position()
                    + "): send text encoded as UTF-8");
        }
        catch (CharacterCodingException e) {
            throw RequestRefused.badRequest(what + " is not valid UTF-8: send text encoded as UTF-8");
        }
    }

    /** Refuses control characters (CR, LF, NUL, ...), which have no place in a parameter or a name and would break headers. */
    static String noControlCharacters(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw RequestRefused.badRequest(what + " holds the control character U+" + String.format("%04X", (int) c)
                        + " at position " + i + ": remove it");
            }
        }
        return value;
    }

    /** The value with anything but printable ASCII replaced by '?', safe to quote in a message. */
    static String printableAscii(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 64));
        for (int i = 0; i < value.length() && i < 64; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }
}
