package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several big statements at once under one account's budget: a budget that covers them refuses none,
 * and the usage recorded is exactly what the calls reported; a budget that covers half stops them
 * within the documented bound, and its refusals report settled usage.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class ConcurrentStatementsBudgetTest {

    private static final int STATEMENTS = 4;
    private static final int CONCURRENCY = 256;

    private static TestStack stack(BedrockEmulator emulator, long budget) {
        ExecutionLimits limits = ExecutionLimits.builder().maxCallsInFlight(CONCURRENCY).build();
        TestStack stack = TestStack.start(emulator, budget, limits, client -> client.maxConcurrency(CONCURRENCY));
        stack.createKeyLocation("bedrock_keys");
        return stack;
    }

    /** Tokens one row of {@link ManyRows#novaPerRow} is charged, measured on a statement of its own. */
    private static long tokensPerRow(TestStack stack) {
        long before = stack.usageToday();
        stack.run(ManyRows.novaPerRow(100, "bedrock_keys", false));
        return (stack.usageToday() - before + 99) / 100;
    }

    @ParameterizedTest(name = "model latency {0} ms")
    @ValueSource(ints = {0, 100})
    void fourBigStatementsUnderABudgetThatCoversThem_noneIsRefused_andUsageIsWhatCallsReported(int latencyMillis, BedrockEmulator emulator)
            throws Exception {
        int rows = 20_000;
        try (TestStack stack = stack(emulator, 100_000_000)) {
            long perRow = tokensPerRow(stack);
            long before = stack.usageToday();
            // Covers the four statements with 10% to spare: the old engine refused all four under this.
            long budget = before + perRow * rows * STATEMENTS * 11 / 10;
            stack.run("ALTER ACCOUNT " + TestStack.ACCOUNT + " SET (LLM_TOKEN_BUDGET = " + budget + ")");
            emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(latencyMillis)).build());

            List<RunningQuery<QueryResult>> queries = new ArrayList<>();
            for (int i = 0; i < STATEMENTS; i++) {
                queries.add(stack.outcrop.openSession(TestStack.ACCOUNT, TestStack.ADMIN)
                        .start(ManyRows.novaPerRow(rows, "bedrock_keys", false), QueryOptions.defaults()));
            }
            long reported = 0;
            for (RunningQuery<QueryResult> query : queries) {
                QueryResult result = query.result().toCompletableFuture().get(300, TimeUnit.SECONDS);
                assertThat(result.rows()).hasSize(rows);
                reported += query.progress().tokensUsed();
            }

            assertThat(stack.usageToday() - before).as("usage is the sum of what the calls reported").isEqualTo(reported);
            assertThat(stack.catalog.usage(TestStack.ACCOUNT, java.time.LocalDate.now(java.time.ZoneOffset.UTC)))
                    .as("nothing stays leased in the catalog once the statements are over").isEqualTo(before + reported);
        }
    }

    @Test
    void aBudgetThatCoversHalf_stopsTheStatements_refusesWithSettledUsage_andOvershootsWithinTheBound(BedrockEmulator emulator) throws Exception {
        int rows = 5_000;
        try (TestStack stack = stack(emulator, 100_000_000)) {
            long perRow = tokensPerRow(stack);
            long before = stack.usageToday();
            long budget = before + perRow * rows * STATEMENTS / 2;
            stack.run("ALTER ACCOUNT " + TestStack.ACCOUNT + " SET (LLM_TOKEN_BUDGET = " + budget + ")");

            List<CompletableFuture<QueryResult>> results = new ArrayList<>();
            for (int i = 0; i < STATEMENTS; i++) {
                results.add(stack.outcrop.openSession(TestStack.ACCOUNT, TestStack.ADMIN)
                        .execute(ManyRows.novaPerRow(rows, "bedrock_keys", false)).toCompletableFuture());
            }
            List<Long> reportedUsage = new ArrayList<>();
            for (CompletableFuture<QueryResult> result : results) {
                Throwable failure = result.handle((ok, error) -> error).get(300, TimeUnit.SECONDS);
                assertThat(failure).as("a budget of half cannot finish every statement").isNotNull();
                OutcropException refusal = (OutcropException) TestStack.unwrap(failure);
                assertThat(refusal.errorCode()).isEqualTo(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED.toErrorCode());
                Matcher used = Pattern.compile("(\\d+) of " + budget + " tokens used").matcher(refusal.getMessage());
                assertThat(used.find()).as(refusal.getMessage()).isTrue();
                reportedUsage.add(Long.parseLong(used.group(1)));
            }
            long usage = stack.usageToday();
            // Calls in flight when the budget ran out each use at most what they were charged beyond their estimate.
            long bound = budget + (long) CONCURRENCY * perRow;
            assertThat(usage).as("overshoot within the documented bound").isLessThanOrEqualTo(bound);
            assertThat(usage).as("the budget was used up").isGreaterThanOrEqualTo(budget - perRow);
            assertThat(reportedUsage).as("refusals report settled usage, never more than was finally used")
                    .allSatisfy(reported -> assertThat(reported).isLessThanOrEqualTo(usage).isGreaterThanOrEqualTo(budget - perRow * CONCURRENCY));
        }
    }
}
