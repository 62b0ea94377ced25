package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.Session;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.QueryProgress;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A running statement shows its progress, lists itself in engine_running_queries, and computes no further ahead than its consumer allows. */
@ExtendWith(BedrockEmulatorExtension.class)
final class ProgressAndBackPressureTest {

    @Test
    void aSlowConsumer_holdsBackTheModelCalls(BedrockEmulator emulator) throws Exception {
        int rowsAhead = 64;
        ExecutionLimits limits = ExecutionLimits.builder().rowsAhead(rowsAhead).build();
        try (TestStack stack = TestStack.start(emulator, 1_000_000_000, limits, client -> client)) {
            stack.createKeyLocation("bedrock_keys");
            RunningQuery<RowStream> query = stack.admin.startStream(ManyRows.novaPerRow(2_000, "bedrock_keys", false), QueryOptions.defaults());
            RowStream stream = query.result().toCompletableFuture().get(30, TimeUnit.SECONDS);
            AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
            List<Row> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            stream.rows().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                    s.request(10);
                }

                @Override
                public void onNext(Row row) {
                    received.add(row);
                }

                @Override
                public void onError(Throwable throwable) {
                    done.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            while (received.size() < 10 || query.progress().callsInFlight() > 0) {
                Thread.sleep(10);
            }
            long callsWhileWaiting = emulator.callCount("InvokeModel");
            Thread.sleep(300);

            assertThat(emulator.callCount("InvokeModel")).as("no call while the consumer asks for nothing").isEqualTo(callsWhileWaiting);
            assertThat(callsWhileWaiting).as("at most the rows ahead were computed").isLessThanOrEqualTo(10 + rowsAhead);
            assertThat(received).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(received.get(i).get(0)).as("rows leave in order").isEqualTo(i + 1L);
            }

            subscription.get().request(Long.MAX_VALUE);
            done.get(120, TimeUnit.SECONDS);
            assertThat(received).hasSize(2_000);
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(2_000);
        }
    }

    @Test
    void progress_isReportedToAListener_andTheQueryIsListedWhileItRuns(BedrockEmulator emulator) throws Exception {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(20)).build());
        ExecutionLimits limits = ExecutionLimits.builder().maxCallsInFlight(16).build();
        try (TestStack stack = TestStack.start(emulator, 1_000_000_000, limits, client -> client.maxConcurrency(16))) {
            stack.createKeyLocation("bedrock_keys");
            List<QueryProgress> reports = new CopyOnWriteArrayList<>();
            QueryOptions options = QueryOptions.defaults().withQueryId("watched").withQueryLabel("nightly enrichment")
                    .withProgressListener(reports::add).withProgressInterval(Duration.ofMillis(50));
            RunningQuery<QueryResult> query = stack.admin.start(ManyRows.novaPerRow(2_000, "bedrock_keys", false), options);
            while (query.progress().rowsDone() < 100) {
                Thread.sleep(5);
            }

            Session other = stack.outcrop.openSession(TestStack.ACCOUNT, TestStack.ADMIN);
            QueryResult running = TestStack.run(other, "SELECT query_id, query_label, user_name, status, rows_total, rows_done, calls_made, tokens_used"
                    + " FROM information_schema.engine_running_queries WHERE query_id = 'watched'");
            QueryResult asOtherUser = TestStack.run(stack.sessionOf("nosy"), "SELECT query_id FROM information_schema.engine_running_queries");
            QueryResult finished = query.result().toCompletableFuture().get(120, TimeUnit.SECONDS);

            assertThat(running.rows()).hasSize(1);
            assertThat(running.rows().get(0).values().subList(0, 5)).containsExactly("watched", "nightly enrichment", "admin", "RUNNING", 2_000L);
            assertThat((Long) running.value(0, 5)).isBetween(100L, 2_000L);
            assertThat((Long) running.value(0, 6)).isGreaterThanOrEqualTo(100L);
            assertThat(asOtherUser.rows()).as("another user, not an admin, sees only their own queries").extracting(row -> row.get(0))
                    .doesNotContain("watched");
            assertThat(finished.rows()).hasSize(2_000);
            assertThat(reports).as("the listener heard progress along the way").hasSizeGreaterThanOrEqualTo(2);
            QueryProgress last = reports.get(reports.size() - 1);
            assertThat(last.rowsDone()).as("the last report is the end").isEqualTo(2_000);
            assertThat(last.rowsTotal()).isEqualTo(2_000);
            assertThat(last.callsMade()).isEqualTo(2_000);
            assertThat(last.callsInFlight()).isZero();
            assertThat(last.tokensUsed()).isEqualTo(stack.usageToday());
            AtomicLong previous = new AtomicLong(-1);
            assertThat(reports).allSatisfy(report -> assertThat(report.rowsDone()).isGreaterThanOrEqualTo(previous.getAndSet(report.rowsDone())));
            assertThat(TestStack.run(other, "SELECT query_id FROM information_schema.engine_running_queries WHERE query_id = 'watched'").rows())
                    .as("an ended query is no longer listed").isEmpty();
        }
    }

    @Test
    void aQueryIdThatIsAlreadyRunning_isRefused(BedrockEmulator emulator) throws Exception {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(200)).build());
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            RunningQuery<QueryResult> first = stack.admin.start(ManyRows.novaPerRow(5, "bedrock_keys", false), QueryOptions.defaults().withQueryId("same"));
            RunningQuery<QueryResult> second = stack.outcrop.openSession(TestStack.ACCOUNT, TestStack.ADMIN)
                    .start("SELECT 1", QueryOptions.defaults().withQueryId("same"));

            Throwable refused = second.result().toCompletableFuture().handle((ok, error) -> error).get(10, TimeUnit.SECONDS);
            assertThat(TestStack.unwrap(refused)).hasMessageContaining("query id 'same' is already running");
            assertThat(first.result().toCompletableFuture().get(30, TimeUnit.SECONDS).rows()).hasSize(5);
        }
    }
}
