package dev.outcrop.bedrock.emulator.internal.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * First stop of every request: reads the body up to the size limit, then hands the exchange to STS ({@code /}),
 * Bedrock ({@code /model/...}) or the admin API ({@code /_emulator/...}, never logged as a call, never signed).
 */
public final class Router implements Handler<HttpServerRequest> {
    public static final String ADMIN_PREFIX = "/_emulator/";

    /** What a service does with an oversized request: answer in its own error format. */
    public interface TooLarge {
        void reject(Exchange exchange, long size, long limit);
    }

    /** A service's entry point plus its oversize answer. */
    public record Service(Consumer<Exchange> handler, TooLarge tooLarge) {
    }

    private final CallLog log;
    private final Clock clock;
    private final long maxBodyBytes;
    private final Service sts;
    private final Service bedrock;
    private final Service unknown;
    private final Service s3;
    /** Whether a Host header names a bucket (S3's virtual-host addressing). */
    private final java.util.function.Predicate<String> s3Host;
    private final Handler<HttpServerRequest> admin;

    public Router(CallLog log, Clock clock, long maxBodyBytes, Service sts, Service bedrock, Service unknown,
                  Service s3, java.util.function.Predicate<String> s3Host, Handler<HttpServerRequest> admin) {
        this.s3 = s3;
        this.s3Host = s3Host;
        this.log = log;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.sts = sts;
        this.bedrock = bedrock;
        this.unknown = unknown;
        this.admin = admin;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        if (path != null && path.startsWith(ADMIN_PREFIX)) {
            admin.handle(request);
            return;
        }
        Instant receivedAt = clock.instant();
        long sequence = log.nextSequence();
        Service service = serviceFor(request, path);
        long declared = declaredLength(request);
        if (declared > maxBodyBytes) {
            // Do not read a body we will refuse; answer now and drop the connection with the unread bytes.
            rejectTooLarge(request, service, receivedAt, sequence, declared);
            return;
        }
        BodyCollector collector = new BodyCollector(declared);
        request.handler(collector::append);
        request.exceptionHandler(t -> { /* client went away mid-body; nothing to answer */ });
        request.endHandler(v -> {
            if (collector.size > maxBodyBytes) {
                rejectTooLarge(request, service, receivedAt, sequence, collector.size);
            } else {
                service.handler().accept(new Exchange(request, collector.bytes(), receivedAt, sequence, log));
            }
        });
    }

    private Service serviceFor(HttpServerRequest request, String path) {
        // S3: a bucket in the Host (virtual-host addressing), or a GET or HEAD of any path but Bedrock's (path style).
        if (s3Host.test(request.getHeader("host"))) {
            return s3;
        }
        io.vertx.core.http.HttpMethod method = request.method();
        if ((method == io.vertx.core.http.HttpMethod.GET || method == io.vertx.core.http.HttpMethod.HEAD)
                && path != null && path.length() > 1 && !path.startsWith("/model/")) {
            return s3;
        }
        if (path == null || path.isEmpty() || path.equals("/")) {
            return sts;
        }
        if (path.startsWith("/model/")) {
            return bedrock;
        }
        return unknown;
    }

    private void rejectTooLarge(HttpServerRequest request, Service service, Instant receivedAt, long sequence,
                                long size) {
        if (request.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            request.response().putHeader("Connection", "close");
            request.response().endHandler(v -> request.connection().close());
        }
        Exchange exchange = new Exchange(request, new byte[0], receivedAt, sequence, log);
        service.tooLarge().reject(exchange, size, maxBodyBytes);
    }

    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader("content-length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Accumulates body bytes, and only counts them once the limit is passed. */
    private final class BodyCollector {
        private Buffer buffer;
        private long size;

        BodyCollector(long declared) {
            this.buffer = declared > 0 ? Buffer.buffer((int) declared) : null;
        }

        void append(Buffer chunk) {
            size += chunk.length();
            if (size > maxBodyBytes) {
                buffer = null;
                return;
            }
            if (buffer == null) {
                buffer = Buffer.buffer(chunk.length());
            }
            buffer.appendBuffer(chunk);
        }

        byte[] bytes() {
            return buffer == null ? new byte[0] : buffer.getBytes();
        }
    }
}
