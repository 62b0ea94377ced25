package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.ObjectStorage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class LazyObjectStorageTest {

    private static final ObjectStorage.ObjectRequest REQUEST = new ObjectStorage.ObjectRequest("bucket", "key", "us-east-1",
            AwsCredentials.of("AKIDEXAMPLE", "secret"));

    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @Test
    void makesTheStorageOnFirstUse_once_andDelegates() throws Exception {
        LazyObjectStorage<Fake> lazy = new LazyObjectStorage<>(this::make);
        assertThat(made).hasValue(0);

        assertThat(lazy.list(REQUEST).toCompletableFuture().join()).containsExactly(new ObjectStorage.StoredObject("key", 3));
        assertThat(lazy.open(REQUEST).toCompletableFuture().join().readAllBytes()).containsExactly(1, 2, 3);

        assertThat(made).hasValue(1);
        assertThat(lazy.made()).isTrue();
        lazy.close();
        assertThat(closed).hasValue(1);
    }

    @Test
    void closedBeforeUse_makesNothing_andRefusesLaterUse() throws Exception {
        LazyObjectStorage<Fake> lazy = new LazyObjectStorage<>(this::make);

        lazy.close();

        assertThat(made).hasValue(0);
        assertThat(closed).hasValue(0);
        assertThatThrownBy(() -> lazy.list(REQUEST)).isInstanceOf(IllegalStateException.class).hasMessageContaining("shutting down");
        assertThat(made).hasValue(0);
    }

    private Fake make() {
        made.incrementAndGet();
        return new Fake();
    }

    private final class Fake implements ObjectStorage, AutoCloseable {
        @Override
        public CompletionStage<List<StoredObject>> list(ObjectRequest request) {
            return CompletableFuture.completedFuture(List.of(new StoredObject(request.key(), 3)));
        }

        @Override
        public CompletionStage<InputStream> open(ObjectRequest request) {
            return CompletableFuture.completedFuture(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
