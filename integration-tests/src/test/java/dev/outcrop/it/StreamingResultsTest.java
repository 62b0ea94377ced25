package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Session.stream: the rows of a SELECT in order, at the subscriber's pace. */
@ExtendWith(BedrockEmulatorExtension.class)
final class StreamingResultsTest {

    private static String query(String models) {
        return "SELECT n, AWS_BEDROCK_AI_QUERY(model, '{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"row ' || n || '\"}]}]}',"
                + " 'bedrock_keys') AS answer FROM (VALUES " + models + ") AS t(n, model)";
    }

    /** Records what it is given and asks for rows only when told to. */
    private static final class Recorder implements Flow.Subscriber<Row> {
        final List<Row> rows = new CopyOnWriteArrayList<>();
        final CompletableFuture<Throwable> end = new CompletableFuture<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onNext(Row item) {
            rows.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            end.complete(throwable);
        }

        @Override
        public void onComplete() {
            end.complete(null);
        }
    }

    private static long ownCalls(BedrockEmulator emulator) {
        return emulator.calls("InvokeModel").stream().filter(call -> "eu.amazon.nova-micro-v1:0".equals(call.modelId())).count();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void rowsArriveInOrder_andNoFasterThanRequested(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                // A model id of this test's own, so that a call still in flight from another test is not counted.
                values.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'eu.amazon.nova-micro-v1:0')");
            }

            RowStream stream = stack.admin.stream(query(values.toString())).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(stream.columns()).extracting(Column::name).containsExactly("n", "answer");
            Recorder recorder = new Recorder();
            stream.rows().subscribe(recorder);

            recorder.subscription.request(3);
            waitUntil(() -> ownCalls(emulator) == 12 && recorder.rows.size() == 3);
            assertThat(ownCalls(emulator)).as("every row's call started at once").isEqualTo(12);
            assertThat(recorder.rows).as("only what was requested").hasSize(3);
            assertThat(recorder.end).isNotDone();

            recorder.subscription.request(Long.MAX_VALUE);
            assertThat(recorder.end.get(30, TimeUnit.SECONDS)).as("completes normally").isNull();
            assertThat(recorder.rows).extracting(row -> row.get(0)).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 12).boxed().toList());
            assertThat(recorder.rows).allSatisfy(row -> assertThat((String) row.get(1)).contains("row " + row.get(0)));
        }
    }

    @Test
    void aFailedRow_endsTheStreamWithItsError_afterTheRowsBeforeIt(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            RowStream stream = stack.admin.stream(query("(1, 'amazon.nova-micro-v1:0'), (2, 'amazon.nova-micro-v1:0'), (3, 'amazon.nova-nothing-v1:0'),"
                    + " (4, 'amazon.nova-micro-v1:0')")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            Recorder recorder = new Recorder();
            stream.rows().subscribe(recorder);
            recorder.subscription.request(Long.MAX_VALUE);

            Throwable error = recorder.end.get(30, TimeUnit.SECONDS);
            assertThat(error).isInstanceOf(InvocationException.class).hasMessageContaining("ResourceNotFoundException");
            assertThat(recorder.rows).extracting(row -> row.get(0)).containsExactly(1L, 2L);
        }
    }

    @Test
    void aRowThatFailsFirst_stillLetsTheRowsBeforeItArrive_andNoLaterCallStarts(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            // Rows 1 and 2 are slow; row 3 fails at once (an unknown model), while they are in flight.
            emulator.faults().set("amazon.nova-micro-v1:0", dev.outcrop.bedrock.emulator.FaultSpec.builder().latency(java.time.Duration.ofMillis(500)).build());
            stack.run("SET ai_max_concurrency = 3");

            RowStream stream = stack.admin.stream(query("(1, 'amazon.nova-micro-v1:0'), (2, 'amazon.nova-micro-v1:0'), (3, 'amazon.nova-nothing-v1:0'),"
                    + " (4, 'amazon.nova-micro-v1:0'), (5, 'amazon.nova-micro-v1:0')")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            Recorder recorder = new Recorder();
            stream.rows().subscribe(recorder);
            recorder.subscription.request(Long.MAX_VALUE);

            Throwable error = recorder.end.get(30, TimeUnit.SECONDS);
            assertThat(error).isInstanceOf(InvocationException.class).hasMessageContaining("ResourceNotFoundException");
            assertThat(recorder.rows).as("the rows before the failed one, answered after it failed").extracting(row -> row.get(0)).containsExactly(1L, 2L);
            assertThat(emulator.calls("InvokeModel")).as("rows 4 and 5 waited for a slot and were never sent").hasSize(3);
        }
    }

    @Test
    void aSecondSubscriber_isToldToRunTheQueryAgain(BedrockEmulator emulator) throws Exception {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            RowStream stream = stack.admin.stream(query("(1, 'amazon.nova-micro-v1:0')")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            stream.rows().subscribe(new Recorder());

            Recorder second = new Recorder();
            stream.rows().subscribe(second);

            assertThat(second.end.get(5, TimeUnit.SECONDS)).hasMessageContaining("subscribed to once");
        }
    }

    @Test
    void onlyASelectCanBeStreamed(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            assertThat(stack.admin.stream("CREATE USER x").toCompletableFuture()).failsWithin(java.time.Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withMessageContaining("only a SELECT can be streamed");
        }
    }
}
