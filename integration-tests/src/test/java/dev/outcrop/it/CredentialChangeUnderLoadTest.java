package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.RecordedCall;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A committed ALTER LOCATION … SET CREDENTIALS reaches the calls of a statement that is already running:
 * every call that starts after the ALTER returned is signed by the new identity.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class CredentialChangeUnderLoadTest {

    private static final int ROWS = 5_000;
    private static final int CONCURRENCY = 32;

    @Test
    void alterDuringARunningStatement_noCallStartedAfterItUsesTheOldIdentity(BedrockEmulator emulator) throws Exception {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(10)).build());
        ExecutionLimits limits = ExecutionLimits.builder().maxCallsInFlight(CONCURRENCY).build();
        try (TestStack stack = TestStack.start(emulator, 100_000_000, limits, client -> client.maxConcurrency(CONCURRENCY))) {
            stack.run("CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '"
                    + EmulatorConfig.BEDROCK_ACCESS_ROLE + "' )");

            RunningQuery<QueryResult> query = stack.admin.start(ManyRows.novaPerRow(ROWS, "bedrock_role", false), QueryOptions.defaults());
            while (query.progress().callsMade() < 1_000) {
                assertThat(query.result().toCompletableFuture().isDone()).as("the statement is still running").isFalse();
                Thread.sleep(5);
            }
            stack.run("ALTER LOCATION bedrock_role SET CREDENTIALS = ( AWS_ACCESS_KEY_ID = '" + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID
                    + "' AWS_SECRET_ACCESS_KEY = '" + EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY + "' )");
            Instant altered = Instant.now();
            int inFlightAtAlter = stack.outcrop.callsInFlight();

            QueryResult result = query.result().toCompletableFuture().get(120, TimeUnit.SECONDS);

            assertThat(result.rows()).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(ManyRows.answersRow(result.value(i, 1), (Long) result.value(i, 0))).as("row %d has its own answer", i).isTrue();
            }
            List<RecordedCall> calls = emulator.calls("InvokeModel");
            long oldIdentityAfterAlter = calls.stream()
                    .filter(call -> call.accessKeyId().startsWith("ASIA") && call.receivedAt().isAfter(altered)).count();
            long newIdentity = calls.stream().filter(call -> call.accessKeyId().equals(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID)).count();
            long oldIdentity = calls.stream().filter(call -> call.accessKeyId().startsWith("ASIA")).count();
            assertThat(oldIdentity).as("calls before the ALTER used the role").isGreaterThanOrEqualTo(1_000);
            assertThat(newIdentity).as("calls after the ALTER used the new keys").isPositive();
            assertThat(oldIdentity + newIdentity).isEqualTo(ROWS);
            assertThat(oldIdentityAfterAlter)
                    .as("calls received after the ALTER returned but signed by the old role: at most the calls that were in flight then")
                    .isLessThanOrEqualTo(Math.max(inFlightAtAlter, CONCURRENCY));
        }
    }
}
