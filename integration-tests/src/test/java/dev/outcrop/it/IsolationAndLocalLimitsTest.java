package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Big statements do not hold up other work, and Outcrop's own limits are reported as such: never as a
 * Bedrock error, and never turned into NULL by null_on_error.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class IsolationAndLocalLimitsTest {

    @Test
    void whileFourBigStatementsWaitOnTheModel_anotherSessionsSelectAndAlterComplete(BedrockEmulator emulator) throws Exception {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(1)).build());
        ExecutionLimits limits = ExecutionLimits.builder().maxCallsInFlight(256).build();
        try (TestStack stack = TestStack.start(emulator, 1_000_000_000, limits, client -> client.maxConcurrency(256))) {
            stack.createKeyLocation("bedrock_keys");
            stack.createKeyLocation("other_keys");
            List<RunningQuery<QueryResult>> big = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                big.add(stack.outcrop.openSession(TestStack.ACCOUNT, TestStack.ADMIN)
                        .start(ManyRows.novaPerRow(20_000, "bedrock_keys", false), QueryOptions.defaults()));
            }
            while (stack.outcrop.callsInFlight() < 256) {
                Thread.sleep(10);
            }

            Session other = stack.outcrop.openSession(TestStack.ACCOUNT, TestStack.ADMIN);
            QueryResult one = other.execute("SELECT 1").toCompletableFuture().get(30, TimeUnit.SECONDS);
            QueryResult altered = other.execute("ALTER LOCATION other_keys SET DESCRIPTION = 'changed while busy'").toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            QueryResult read = other.execute("SELECT description FROM information_schema.locations WHERE location_name = 'other_keys'")
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(one.value(0, 0)).isEqualTo(1L);
            assertThat(altered.statusMessage()).isEqualTo("ALTER LOCATION");
            assertThat(read.value(0, 0)).isEqualTo("changed while busy");
            assertThat(stack.outcrop.callsInFlight()).as("the big statements still have calls in flight").isPositive();
            assertThat(big).allSatisfy(query -> assertThat(query.result().toCompletableFuture()).isNotDone());
            big.forEach(RunningQuery::cancel);
        }
    }

    @Test
    void rowsWaitInCore_notInTheHttpClientsPool_soItsAcquireTimeoutNeverFires(BedrockEmulator emulator) throws Exception {
        // 40 rows through 4 connections at 500 ms each: sent all at once, the last would wait 5 s in the pool, past its 2 s
        // acquisition timeout (the old engine's failure). Waiting in core instead, none does.
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(500)).build());
        try (TestStack stack = TestStack.start(emulator, 1_000_000_000, ExecutionLimits.defaults(),
                client -> client.maxConcurrency(4).connectionAcquisitionTimeout(Duration.ofSeconds(2)))) {
            stack.createKeyLocation("bedrock_keys");

            assertThat(stack.outcrop.maxCallsInFlight()).as("core never has more calls in flight than the client's pool holds").isEqualTo(4);
            QueryResult result = stack.run(ManyRows.novaPerRow(40, "bedrock_keys", true));

            assertThat(result.rows()).hasSize(40);
            for (int i = 0; i < 40; i++) {
                assertThat(ManyRows.answersRow(result.value(i, 1), i + 1)).as("row %d answered, not NULL", i + 1).isTrue();
            }
        }
    }

    @Test
    void anAdmissionTimeout_isItsOwnError_neverABedrockError_andNeverNull(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(500)).build());
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            stack.run("SET ai_max_concurrency = 1");
            stack.run("SET ai_admission_timeout = 100");

            RuntimeException failure = stack.failure(ManyRows.novaPerRow(5, "bedrock_keys", true));

            assertThat(TestStack.codeOf(failure)).isEqualTo(OutcropErrorCode.ADMISSION_TIMEOUT);
            assertThat(failure).isNotInstanceOf(dev.outcrop.core.error.InvocationException.class)
                    .hasMessageNotContaining("Bedrock")
                    .hasMessageContaining("ai_admission_timeout = 100 ms")
                    .hasMessageContaining("location 'bedrock_keys'")
                    .hasMessageContaining("SET ai_admission_timeout");
        }
    }

    @Test
    void badValuesForExecutionSettings_areRefusedWhenSet(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            assertThat(stack.failure("SET ai_max_concurrency = 0")).hasMessageContaining("ai_max_concurrency").hasMessageContaining("at least 1");
            assertThat(stack.failure("SET statement_timeout = 'soon'")).hasMessageContaining("statement_timeout");
            assertThat(stack.failure("SET ai_max_failed_percent = 150")).hasMessageContaining("0 to 100");
            assertThat(TestStack.codeOf(stack.failure("SET ai_max_retries = -2"))).isEqualTo(OutcropErrorCode.INVALID_ARGUMENT);
        }
    }
}
