package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.port.ObjectStorage;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An {@link ObjectStorage} made on its first use. Only READ_CSV and READ_JSON of S3 locations read objects, and most
 * processes (the demo's seed among them) never do, yet building the S3 client and its Netty HTTP client cost the
 * start about a tenth of a second of CPU before the first answer, and more to compile.
 */
final class LazyObjectStorage<T extends ObjectStorage & AutoCloseable> implements ObjectStorage, AutoCloseable {

    private final Supplier<T> factory;
    private T storage;
    private boolean closed;

    LazyObjectStorage(Supplier<T> factory) {
        this.factory = requireNonNull(factory, "factory is null");
    }

    @Override
    public CompletionStage<List<StoredObject>> list(ObjectRequest request) {
        return storage().list(request);
    }

    @Override
    public CompletionStage<InputStream> open(ObjectRequest request) {
        return storage().open(request);
    }

    private synchronized T storage() {
        if (closed) {
            throw new IllegalStateException("the server is shutting down: S3 objects can no longer be read");
        }
        if (storage == null) {
            storage = factory.get();
        }
        return storage;
    }

    /** Whether the storage was made, for tests. */
    synchronized boolean made() {
        return storage != null;
    }

    @Override
    public synchronized void close() throws Exception {
        closed = true;
        if (storage != null) {
            storage.close();
        }
    }
}
