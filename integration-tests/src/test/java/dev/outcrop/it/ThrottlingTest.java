package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.RecordedCall;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A throttled run converges: the engine backs off, lowers its concurrency for the location and model,
 * and retries, so every row is answered once.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class ThrottlingTest {

    private static final int ROWS = 10_000;

    @Test
    void thirtyPercentThrottlingAndARateLimit_everyRowCorrect_noneLostOrDoubled(BedrockEmulator emulator) throws Exception {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(0.3).maxRequestsPerSecond(2_000).build());
        // Enough retries that a row throttled again and again (0.3^n) does not fail this test by chance.
        ExecutionLimits limits = ExecutionLimits.builder().maxCallsInFlight(256).maxRetries(40).build();
        try (TestStack stack = TestStack.start(emulator, 1_000_000_000, limits, client -> client.maxConcurrency(256))) {
            stack.createKeyLocation("bedrock_keys");

            RunningQuery<QueryResult> query = stack.admin.start(ManyRows.novaPerRow(ROWS, "bedrock_keys", false), QueryOptions.defaults());
            QueryResult result = query.result().toCompletableFuture().get(600, TimeUnit.SECONDS);

            assertThat(result.rows()).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(ManyRows.answersRow(result.value(i, 1), i + 1)).as("row %d has its own answer", i + 1).isTrue();
            }
            List<RecordedCall> calls = emulator.calls("InvokeModel");
            long succeeded = calls.stream().filter(RecordedCall::succeeded).count();
            long throttled = calls.stream().filter(call -> "ThrottlingException".equals(call.errorType())).count();
            assertThat(succeeded).as("the emulator's successful calls equal the distinct requests").isEqualTo(ROWS);
            assertThat(throttled).as("the run was throttled").isPositive();
            assertThat(query.progress().throttles()).as("every throttle was seen by the engine").isEqualTo(throttled);
            // Retries also cover connections the server closed before answering (the SDK would retry those too).
            assertThat(query.progress().retries()).as("every throttled call was retried").isGreaterThanOrEqualTo(throttled);
            assertThat(query.progress().callsMade()).isEqualTo(ROWS + query.progress().retries());
        }
    }

    @Test
    void aRowThrottledMoreOftenThanAllowed_failsAsThrottled_orBecomesNullUnderNullOnError(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build());
        ExecutionLimits limits = ExecutionLimits.builder().maxRetries(2).retryBaseDelay(java.time.Duration.ofMillis(5)).build();
        try (TestStack stack = TestStack.start(emulator, 1_000_000_000, limits, client -> client)) {
            stack.createKeyLocation("bedrock_keys");

            RuntimeException failure = stack.failure(ManyRows.novaPerRow(1, "bedrock_keys", false));
            QueryResult hidden = stack.run(ManyRows.novaPerRow(1, "bedrock_keys", true));

            assertThat(TestStack.codeOf(failure)).isEqualTo(OutcropErrorCode.MODEL_THROTTLED);
            assertThat(failure).hasMessageStartingWith("Bedrock ThrottlingException (429) invoking 'amazon.nova-micro-v1:0' through location 'bedrock_keys'")
                    .hasMessageContaining("given up after 2 retries");
            assertThat(hidden.value(0, 1)).isNull();
            assertThat(emulator.calls("InvokeModel")).as("each statement tried three times").hasSize(6);
        }
    }

    @Test
    void anErrorBudget_stopsTheStatementOnceTooManyRowsFailed(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().serverErrorRate(1.0).serverErrorType("ModelErrorException").build());
        ExecutionLimits limits = ExecutionLimits.builder().maxCallsInFlight(4).build();
        try (TestStack stack = TestStack.start(emulator, 1_000_000_000, limits, client -> client)) {
            stack.createKeyLocation("bedrock_keys");
            stack.run("SET ai_max_failed_rows = 10");

            RuntimeException failure = stack.failure(ManyRows.novaPerRow(1_000, "bedrock_keys", true));

            assertThat(TestStack.codeOf(failure)).isEqualTo(OutcropErrorCode.ERROR_BUDGET_EXCEEDED);
            assertThat(failure).hasMessageContaining("ai_max_failed_rows = 10");
            assertThat(emulator.callCount("InvokeModel")).as("no new call once the budget of failures was spent").isLessThanOrEqualTo(11 + 4);

            stack.run("SET ai_max_failed_rows = -1");
            Set<Object> answers = new HashSet<>();
            stack.run(ManyRows.novaPerRow(20, "bedrock_keys", true)).rows().forEach(row -> answers.add(row.get(1)));
            assertThat(answers).as("without an error budget, null_on_error turns every failure into NULL").containsExactly((Object) null);
        }
    }
}
