package dev.outcrop.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.type.ScalarType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** allRows: every row in order once the stream completes, or the stream's failure. */
final class RowStreamTest {

    private static final List<Column> COLUMNS = List.of(new Column("x", ScalarType.TEXT));

    /** Emits the rows when asked for at least that many, then ends with {@code failure} or completes. */
    private static Flow.Publisher<Row> publisher(List<Row> rows, Throwable failure) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                assertThat(n).as("asked for all at once").isGreaterThanOrEqualTo(rows.size());
                rows.forEach(subscriber::onNext);
                if (failure != null) {
                    subscriber.onError(failure);
                }
                else {
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
            }
        });
    }

    @Test
    void allRows_completesWithEveryRowInOrder() throws Exception {
        RowStream stream = new RowStream(COLUMNS, publisher(List.of(Row.of("a"), Row.of("b"), Row.of("c")), null));

        assertThat(stream.allRows().toCompletableFuture().get(10, TimeUnit.SECONDS)).containsExactly(Row.of("a"), Row.of("b"), Row.of("c"));
    }

    @Test
    void allRows_failsWithTheStreamsFailure() {
        IllegalStateException failure = new IllegalStateException("the model call failed");
        CompletableFuture<List<Row>> all = new RowStream(COLUMNS, publisher(List.of(Row.of("a")), failure)).allRows().toCompletableFuture();

        assertThatThrownBy(() -> all.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause().isSameAs(failure);
    }
}
