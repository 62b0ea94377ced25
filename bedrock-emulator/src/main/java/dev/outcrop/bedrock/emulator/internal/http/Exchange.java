package dev.outcrop.bedrock.emulator.internal.http;

import dev.outcrop.bedrock.emulator.internal.sigv4.SignedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request and its answer. It adapts the Vert.x request to what SigV4 needs, writes responses with the headers
 * every AWS answer has, and records the call exactly once — when the answer is complete or the client goes away.
 * Used from a single event-loop thread.
 */
public final class Exchange implements SignedRequest {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final byte[] body;
    private final Instant receivedAt;
    private final long sequence;
    private final CallLog log;
    private final String requestId = RequestIds.next();
    private final long startNanos = System.nanoTime();

    private String service = "unknown";
    private String operation;
    private String accessKeyId;
    private String principalArn;
    private String modelId;
    private String errorType;
    private boolean signatureValid;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private long responseBytes;
    private int status;
    private boolean recorded;
    private boolean streaming;

    Exchange(HttpServerRequest request, byte[] body, Instant receivedAt, long sequence, CallLog log) {
        this.request = request;
        this.response = request.response();
        this.body = body;
        this.receivedAt = receivedAt;
        this.sequence = sequence;
        this.log = log;
        log.started();
        // The client went away before the answer was complete: a stream it cancelled, or an answer it never got.
        response.closeHandler(v -> clientLeft());
    }

    // ---- SignedRequest ----

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String rawPath() {
        String path = request.path();
        return path == null ? "/" : path;
    }

    @Override
    public String rawQuery() {
        return request.query();
    }

    @Override
    public String header(String name) {
        String value = request.getHeader(name);
        if (value == null && isAuthority(name)) {
            return authority();
        }
        return value;
    }

    @Override
    public List<String> all(String lowerCaseName) {
        List<String> values = request.headers().getAll(lowerCaseName);
        if (values.isEmpty() && isAuthority(lowerCaseName)) {
            String authority = authority();
            return authority == null ? List.of() : List.of(authority);
        }
        return values;
    }

    /**
     * Over HTTP/2 there is no Host header: the Java SDK signs "host" and the JavaScript SDK signs ":authority", both
     * with the value that arrived as the {@code :authority} pseudo-header.
     */
    private static boolean isAuthority(String name) {
        return "host".equalsIgnoreCase(name) || ":authority".equals(name);
    }

    private String authority() {
        HostAndPort authority = request.authority();
        if (authority == null) {
            return null;
        }
        return authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
    }

    @Override
    public byte[] body() {
        return body;
    }


    public Instant receivedAt() {
        return receivedAt;
    }

    /** Milliseconds since the request arrived, for the invocation-latency figures (at least 1, as AWS reports). */
    public long elapsedMillis() {
        return Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
    }

    public String requestId() {
        return requestId;
    }

    public HttpServerRequest request() {
        return request;
    }

    // ---- what the call log will say ----

    public Exchange service(String service) {
        this.service = service;
        return this;
    }

    public Exchange operation(String operation) {
        this.operation = operation;
        return this;
    }

    public String operation() {
        return operation;
    }

    public Exchange accessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
        return this;
    }

    public Exchange principal(String principalArn) {
        this.principalArn = principalArn;
        this.signatureValid = principalArn != null;
        return this;
    }

    public Exchange modelId(String modelId) {
        this.modelId = modelId;
        return this;
    }

    public String modelId() {
        return modelId;
    }

    public Exchange parameter(String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
        return this;
    }

    public Exchange errorType(String errorType) {
        this.errorType = errorType;
        return this;
    }

    // ---- answering ----

    public boolean closed() {
        return recorded || response.closed();
    }

    /** Sends a complete response; {@code headers} are name/value pairs added after the standard ones. */
    public void send(int status, String contentType, byte[] payload, String... headers) {
        if (closed()) {
            return;
        }
        this.status = status;
        response.setStatusCode(status);
        standardHeaders(contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.putHeader(headers[i], headers[i + 1]);
        }
        responseBytes = payload.length;
        recordNow(false);
        response.end(Buffer.buffer(payload));
    }

    /** Starts a chunked 200 response whose body is written frame by frame. */
    public void startStream(String contentType, String... headers) {
        this.status = 200;
        this.streaming = true;
        response.setStatusCode(200);
        response.setChunked(true);
        standardHeaders(contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.putHeader(headers[i], headers[i + 1]);
        }
        response.writeHead();
    }

    public void write(byte[] frame) {
        if (closed()) {
            return;
        }
        responseBytes += frame.length;
        response.write(Buffer.buffer(frame));
    }

    public void endStream() {
        if (closed()) {
            return;
        }
        recordNow(false);
        response.end();
    }

    /**
     * Drops the connection without finishing the answer (a fault: connection reset or stream cut). The whole
     * connection goes, also over HTTP/2: the SDK's HTTP/2 client treats a reset stream as a normal end of body, so
     * only a lost connection reliably tells the client that the answer is incomplete.
     */
    public void abort() {
        if (recorded) {
            return;
        }
        recordNow(false);
        request.connection().close();
    }

    private void standardHeaders(String contentType) {
        // Wall-clock time, not the configured clock: SDKs correct their own clock from the Date of a 403, and a
        // test that moves the emulator's clock forward must not drag every SDK client in the JVM along with it.
        response.putHeader("Date", HttpDates.now(Instant.now()));
        response.putHeader("Content-Type", contentType);
        response.putHeader("x-amzn-RequestId", requestId);
    }

    /**
     * The connection (HTTP/1.1) or stream (HTTP/2) closed while this exchange still used it. Answers that were sent
     * or aborted by a fault are recorded already; anything else is the client's doing: a stream it cut short, or a
     * request it abandoned before any answer (a cancelled call, a client-side timeout).
     */
    private void clientLeft() {
        if (recorded) {
            return;
        }
        if (!streaming) {
            log.abandoned();
        }
        recordNow(streaming);
    }

    private void recordNow(boolean cancelled) {
        if (recorded) {
            return;
        }
        recorded = true;
        log.add(sequence, new CallRecord(service, operation, accessKeyId, principalArn, modelId,
                status == 0 ? 499 : status, errorType, signatureValid, body.length, responseBytes, receivedAt,
                parameters, cancelled));
    }
}
