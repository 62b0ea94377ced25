package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.QueryProgress;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 50,000-row statement stopped after 1,000 calls, by query id, by its stream's subscriber and by its
 * timeout: the emulator's call count stops growing beyond the calls that were in flight, the budget's
 * reservations are released, and the next statement runs normally.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class CancellationTest {

    private static final int ROWS = 50_000;
    private static final int CONCURRENCY = 64;

    private static TestStack stack(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(20)).build());
        ExecutionLimits limits = ExecutionLimits.builder().maxCallsInFlight(CONCURRENCY).build();
        TestStack stack = TestStack.start(emulator, 1_000_000_000, limits, client -> client.maxConcurrency(CONCURRENCY));
        stack.createKeyLocation("bedrock_keys");
        return stack;
    }

    private static void awaitCalls(RunningQuery<?> query, long calls) throws InterruptedException {
        while (query.progress().callsMade() < calls) {
            assertThat(query.result().toCompletableFuture().isCompletedExceptionally()).as("the statement has not failed").isFalse();
            Thread.sleep(5);
        }
    }

    /** After a stop: no call is in flight, the count no longer grows, and usage is exactly what the answered calls reported. */
    private static void assertStopped(TestStack stack, BedrockEmulator emulator, RunningQuery<?> query, long callsAtStop, long usageBefore)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stack.outcrop.callsInFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(stack.outcrop.callsInFlight()).as("the aborted calls gave their slots back").isZero();
        // The emulator records a call when it ends (status 499 when the client left first); let the last ones land.
        Thread.sleep(300);
        long settled = emulator.callCount("InvokeModel");
        Thread.sleep(500);
        assertThat(emulator.callCount("InvokeModel")).as("no call after the stop").isEqualTo(settled);
        assertThat(settled).as("at most the calls in flight at the stop were added").isLessThanOrEqualTo(callsAtStop + CONCURRENCY);
        assertThat(settled).isLessThan(ROWS / 10);
        QueryProgress progress = query.progress();
        assertThat(stack.usageToday() - usageBefore).as("reservations released: usage is what answered calls reported").isEqualTo(progress.tokensUsed());
        assertThat(stack.catalog.usage(TestStack.ACCOUNT, java.time.LocalDate.now(java.time.ZoneOffset.UTC)))
                .as("nothing stays leased in the catalog").isEqualTo(usageBefore + progress.tokensUsed());

        emulator.faults().reset();
        assertThat(stack.run(ManyRows.novaPerRow(20, "bedrock_keys", false)).rows()).as("the next statement runs normally").hasSize(20);
    }

    @Test
    void cancelByQueryId(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = stack(emulator)) {
            long usageBefore = stack.usageToday();
            RunningQuery<?> query = stack.admin.start(ManyRows.novaPerRow(ROWS, "bedrock_keys", false), QueryOptions.defaults().withQueryId("big-one"));
            awaitCalls(query, 1_000);

            assertThat(stack.admin.cancel("big-one")).isTrue();
            long callsAtStop = query.progress().callsMade();

            Throwable failure = query.result().toCompletableFuture().handle((ok, error) -> error).get(30, TimeUnit.SECONDS);
            assertThat(TestStack.codeOf(TestStack.unwrap(failure))).isEqualTo(OutcropErrorCode.QUERY_CANCELLED);
            assertThat(TestStack.unwrap(failure)).hasMessageContaining("big-one");
            assertThat(stack.admin.cancel("big-one")).as("an ended query cannot be cancelled again").isFalse();
            assertStopped(stack, emulator, query, callsAtStop, usageBefore);
        }
    }

    @Test
    void otherPrincipalsCannotCancelByQueryId(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = stack(emulator)) {
            RunningQuery<dev.outcrop.core.result.QueryResult> query = stack.admin.start(ManyRows.novaPerRow(2_000, "bedrock_keys", false),
                    QueryOptions.defaults().withQueryId("mine"));
            Session other = stack.sessionOf("someone_else");
            assertThat(other.cancel("mine")).isFalse();
            assertThat(query.result().toCompletableFuture().get(60, TimeUnit.SECONDS).rows()).hasSize(2_000);
        }
    }

    @Test
    void cancelTheStreamsSubscription(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = stack(emulator)) {
            long usageBefore = stack.usageToday();
            RunningQuery<RowStream> query = stack.admin.startStream(ManyRows.novaPerRow(ROWS, "bedrock_keys", false), QueryOptions.defaults());
            RowStream stream = query.result().toCompletableFuture().get(30, TimeUnit.SECONDS);
            AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            stream.rows().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Row item) {
                }

                @Override
                public void onError(Throwable throwable) {
                    ended.complete(throwable);
                }

                @Override
                public void onComplete() {
                    ended.complete(null);
                }
            });
            awaitCalls(query, 1_000);

            subscription.get().cancel();
            long callsAtStop = query.progress().callsMade();

            assertThat(ended).as("no signal follows a cancel").isNotDone();
            assertStopped(stack, emulator, query, callsAtStop, usageBefore);
        }
    }

    @Test
    void statementTimeout(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = stack(emulator)) {
            long usageBefore = stack.usageToday();
            stack.run("SET statement_timeout = 1500");
            RunningQuery<?> query = stack.admin.start(ManyRows.novaPerRow(ROWS, "bedrock_keys", false), QueryOptions.defaults());

            Throwable failure = query.result().toCompletableFuture().handle((ok, error) -> error).get(60, TimeUnit.SECONDS);
            long callsAtStop = query.progress().callsMade();

            assertThat(TestStack.codeOf(TestStack.unwrap(failure))).isEqualTo(OutcropErrorCode.STATEMENT_TIMEOUT);
            assertThat(TestStack.unwrap(failure)).hasMessageContaining("statement_timeout = 1500 ms").hasMessageContaining("SET statement_timeout");
            stack.run("SET statement_timeout = 0");
            assertStopped(stack, emulator, query, callsAtStop, usageBefore);
        }
    }

    @Test
    void aRowsErrorThatNullOnErrorDoesNotHide_stopsTheOtherRows(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = stack(emulator)) {
            emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(20)).serverErrorRate(1.0).serverErrorType("ModelErrorException").build());
            RunningQuery<?> query = stack.admin.start(ManyRows.novaPerRow(ROWS, "bedrock_keys", false), QueryOptions.defaults());

            Throwable failure = query.result().toCompletableFuture().handle((ok, error) -> error).get(60, TimeUnit.SECONDS);

            assertThat(TestStack.codeOf(TestStack.unwrap(failure))).isEqualTo(OutcropErrorCode.MODEL_INVOCATION_FAILED);
            Thread.sleep(500);
            assertThat(emulator.callCount("InvokeModel")).as("the first failure stopped the rest: at most the calls in flight were made")
                    .isLessThanOrEqualTo(2L * CONCURRENCY);
        }
    }
}
