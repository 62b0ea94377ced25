package dev.outcrop.bedrock.emulator.internal.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicLong;

/** Counts TCP connections as they open and close, so clients' connection pooling can be tested against it. */
public final class ConnectionStats implements Handler<HttpConnection> {
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();

    @Override
    public void handle(HttpConnection connection) {
        opened.incrementAndGet();
        connection.closeHandler(v -> closed.incrementAndGet());
    }

    public long opened() {
        return opened.get();
    }

    public long closed() {
        return closed.get();
    }

    public long open() {
        return opened.get() - closed.get();
    }
}
