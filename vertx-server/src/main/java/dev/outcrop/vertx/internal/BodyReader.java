package dev.outcrop.vertx.internal;

import dev.outcrop.core.error.OutcropErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request's body as SQL text, whatever its Content-Type: curl's default
 * ({@code application/x-www-form-urlencoded}) must not make Vert.x parse the statement as a form.
 * The body is gathered on the event loop (only appends) up to the size limit, and a larger one is read to its end and dropped before the 413; decoding (gzip, UTF-8)
 * is left to {@link #decode}, which the caller runs on a worker thread.
 */
final class BodyReader {

    /** Past this many bytes a too-large body is no longer read to its end; the connection is closed instead. */
    static final long DRAIN_LIMIT = 64L << 20;

    /** Compiled once: String.matches compiles its pattern on every call, which was a visible share of a short request's own work. */
    private static final Pattern GZIP = Pattern.compile("x-gzip|gzip");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private BodyReader() {
    }

    /** The raw body and how it is encoded, as read off the wire. */
    record RawBody(Buffer bytes, boolean gzip) {
    }

    /** Reads the body, failing with 413 as soon as it passes {@code limit} bytes (or its Content-Length says it will). */
    static Future<RawBody> read(RoutingContext ctx, int limit) {
        HttpServerRequest request = ctx.request();
        Promise<RawBody> promise = Promise.promise();
        String encoding = request.getHeader("Content-Encoding");
        boolean gzip;
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            gzip = false;
        }
        else if (GZIP.matcher(encoding.trim().toLowerCase(Locale.ROOT)).matches()) {
            gzip = true;
        }
        else {
            return Future.failedFuture(new RequestRefused(415, OutcropErrorCode.NOT_SUPPORTED, "Content-Encoding '"
                    + StrictText.printableAscii(encoding) + "' is not supported: send the body plain or gzip-compressed"));
        }
        String length = request.getHeader("Content-Length");
        if (length != null && DIGITS.matcher(length.trim()).matches() && Long.parseLong(length.trim()) > DRAIN_LIMIT) {
            return Future.failedFuture(tooLarge(limit));
        }
        if (ctx.body().available() || request.isEnded()) {
            // An application that mounts the routes behind its own BodyHandler has had the body read already.
            Buffer read = ctx.body().available() && ctx.body().buffer() != null ? ctx.body().buffer() : Buffer.buffer();
            return read.length() > limit ? Future.failedFuture(tooLarge(limit)) : Future.succeededFuture(new RawBody(read, gzip));
        }
        Buffer body = Buffer.buffer();
        long[] seen = {0};
        request.handler(chunk -> {
            seen[0] += chunk.length();
            if (seen[0] > DRAIN_LIMIT) {
                promise.tryFail(tooLarge(limit));
            }
            else if (seen[0] <= limit) {
                body.appendBuffer(chunk);
            }
            // Past the limit the rest is read and dropped, so that the client, still sending, gets the 413 rather than a reset.
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(ignored -> {
            if (seen[0] > limit) {
                promise.tryFail(tooLarge(limit));
            }
            else {
                promise.tryComplete(new RawBody(body, gzip));
            }
        });
        request.resume();
        return promise.future();
    }

    /** Decompresses (within the limit) and decodes the body as strict UTF-8. Blocking work: call off the event loop. */
    static String decode(RawBody raw, int limit) {
        byte[] bytes = raw.bytes().getBytes();
        if (raw.gzip()) {
            bytes = gunzip(bytes, limit);
        }
        return StrictText.utf8(bytes, "the request body");
    }

    private static byte[] gunzip(byte[] compressed, int limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int read;
            while ((read = in.read(chunk)) > 0) {
                if (out.size() + read > limit) {
                    throw tooLarge(limit);
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        }
        catch (IOException e) {
            throw RequestRefused.badRequest("the request body is marked Content-Encoding: gzip but is not valid gzip (" + e.getMessage()
                    + "): compress it with gzip or drop the header");
        }
    }

    static RequestRefused tooLarge(int limit) {
        return new RequestRefused(413, OutcropErrorCode.STATEMENT_TOO_LARGE, "the request body is larger than the limit of " + limit
                + " bytes (after decompression): send a smaller statement or raise outcrop.server.max-statement-bytes");
    }
}
