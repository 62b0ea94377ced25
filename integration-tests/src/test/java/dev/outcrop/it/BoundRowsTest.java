package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.type.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rows from the application, bound to a session by name: AI functions read them in FROM with no SQL text
 * built from the data, a publisher is read only as fast as the statement asks, and a value of the wrong
 * type fails with the row and column.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class BoundRowsTest {

    private static final List<Column> COLUMNS = List.of(new Column("id", ScalarType.BIGINT), new Column("prompt", ScalarType.TEXT));

    @Test
    void iterableRows_feedAiQuery_inOrder_evenWithQuotesThatWouldBreakSqlText(BedrockEmulator emulator) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            rows.add(Row.of((long) i, "it's row " + i + "'); DROP LOCATION bedrock_keys; --"));
        }
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            stack.admin.bind("input", COLUMNS, rows);
            emulator.clearCalls();

            QueryResult result = stack.run("SELECT id, AI_QUERY('amazon.nova-micro-v1:0', prompt, 'bedrock_keys') AS answer FROM input");
            QueryResult again = stack.run("SELECT input.id FROM input WHERE id > 48");

            assertThat(result.rows()).hasSize(50);
            for (int i = 0; i < 50; i++) {
                assertThat(result.value(i, 0)).isEqualTo((long) i + 1);
                assertThat((String) result.value(i, 1)).contains("it's row " + (i + 1) + "');");
            }
            assertThat(emulator.calls("Converse")).hasSize(50);
            assertThat(again.rows()).extracting(row -> row.get(0)).containsExactly(49L, 50L);
        }
    }

    @Test
    void publisherRows_areRequestedOnlyAsTheStatementNeedsThem(BedrockEmulator emulator) throws Exception {
        AtomicLong requested = new AtomicLong();
        Flow.Publisher<Row> endless = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private long next = 1;

            @Override
            public void request(long n) {
                requested.addAndGet(n);
                for (long i = 0; i < n; i++) {
                    subscriber.onNext(Row.of(next, "question " + next++));
                }
            }

            @Override
            public void cancel() {
            }
        });
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            stack.admin.bind("questions", COLUMNS, endless);
            emulator.clearCalls();

            QueryResult result = stack.run("SELECT AI_QUERY('amazon.nova-micro-v1:0', prompt, 'bedrock_keys') FROM questions LIMIT 5");
            RuntimeException reread = stack.failure("SELECT * FROM questions");

            assertThat(result.rows()).hasSize(5);
            assertThat(emulator.calls("Converse")).hasSize(5);
            assertThat(requested.get()).as("an endless publisher is asked for a bounded number of rows").isLessThanOrEqualTo(2048);
            assertThat(TestStack.codeOf(reread)).isEqualTo(OutcropErrorCode.INVALID_ARGUMENT);
            assertThat(reread).hasMessageContaining("bind them again");
        }
    }

    @Test
    void aValueOfTheWrongType_failsWithTheRowAndColumn(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator);
             SubmissionPublisher<Row> publisher = new SubmissionPublisher<>()) {
            stack.admin.bind("typed", COLUMNS, List.of(Row.of(1L, "fine"), Row.of("2", "id is text")));
            stack.admin.bind("published", COLUMNS, publisher);
            var running = stack.admin.execute("SELECT * FROM published").toCompletableFuture();
            while (publisher.getNumberOfSubscribers() == 0 && !running.isDone()) {
                Thread.onSpinWait();
            }
            publisher.submit(Row.of(1L, "fine"));
            publisher.submit(Row.of(2L, 3.5));

            RuntimeException typed = stack.failure("SELECT * FROM typed");

            assertThat(TestStack.codeOf(typed)).isEqualTo(OutcropErrorCode.TYPE_MISMATCH);
            assertThat(typed).hasMessageContaining("row 2 of 'typed', column 'id'").hasMessageContaining("String").hasMessageContaining("BIGINT");
            assertThatThrownBy(running::join).satisfies(e -> {
                assertThat(TestStack.codeOf(TestStack.unwrap(e))).isEqualTo(OutcropErrorCode.TYPE_MISMATCH);
                assertThat(TestStack.unwrap(e)).hasMessageContaining("row 2 of 'published', column 'prompt'");
            });
            assertThatThrownBy(() -> stack.admin.bind("Input", COLUMNS, List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lowercase");
        }
    }

    @Test
    void aStatementThatFailsWhilePlanning_closesTheIteratorItOpened(BedrockEmulator emulator) {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        Iterable<Row> rows = () -> new CloseableRows(closed);
        try (TestStack stack = TestStack.start(emulator)) {
            stack.admin.bind("input", COLUMNS, rows);

            RuntimeException unknown = stack.failure("SELECT no_such_column FROM input");
            QueryResult limited = stack.run("SELECT id FROM input LIMIT 1");

            assertThat(TestStack.codeOf(unknown)).isEqualTo(OutcropErrorCode.UNKNOWN_COLUMN);
            assertThat(limited.rows()).hasSize(1);
            // The LIMIT's iterator is closed on Outcrop's executor once the reader sees the cancel: wait for it, bounded.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (closed.get() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(closed.get()).as("both statements' iterators were closed").isEqualTo(2);
        }
    }

    /** Endless rows from an iterator that counts its closing, as a JDBC result wrapper would close its result set. */
    private static final class CloseableRows implements java.util.Iterator<Row>, AutoCloseable {
        private final java.util.concurrent.atomic.AtomicInteger closed;
        private long next;

        CloseableRows(java.util.concurrent.atomic.AtomicInteger closed) {
            this.closed = closed;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Row next() {
            next++;
            return Row.of(next, "row " + next);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
