package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-account, per-UTC-day LLM token budget. */
@ExtendWith(BedrockEmulatorExtension.class)
final class TokenBudgetBehaviourTest {

    private static final String CALL = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_keys'%s)";

    private static boolean exhausted(Throwable e) {
        return e instanceof OutcropException o && o.errorCode().equals(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED.toErrorCode());
    }

    @Test
    void newAccounts_startWithTheDefaultBudgetOfZero_whichRefusesEveryCallBeforeSending(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator, new InMemoryCatalogStore(), 0)) {
            stack.createKeyLocation("bedrock_keys");

            RuntimeException plain = stack.failure(CALL.formatted(""));
            RuntimeException hidden = stack.failure(CALL.formatted(", TRUE"));

            assertThat(exhausted(plain)).isTrue();
            assertThat(exhausted(hidden)).as("null_on_error does not hide an exhausted budget").isTrue();
            assertThat(plain.getMessage())
                    .contains("account 'my_account'")
                    .contains("0 of 0 tokens used")
                    .contains("ALTER ACCOUNT my_account SET (LLM_TOKEN_BUDGET = <tokens>)");
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void alterAccount_setsTheBudget_andEachCallIsChargedWithTheReportedUsage(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator, new InMemoryCatalogStore(), 0)) {
            stack.createKeyLocation("bedrock_keys");
            stack.run("ALTER ACCOUNT my_account SET (LLM_TOKEN_BUDGET = 10000)");

            String body = (String) stack.run(CALL.formatted("")).value(0, 0);

            long reported = Long.parseLong(body.replaceAll(".*\"totalTokens\":(\\d+).*", "$1"));
            assertThat(reported).isPositive();
            assertThat(stack.usageToday()).isEqualTo(reported);
            assertThat(stack.run("SELECT \"limit\" FROM information_schema.quotas").value(0, 0)).isEqualTo(10000L);
        }
    }

    @Test
    void callsAreRefusedOnceTheDaysUsageReachesTheBudget(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator, new InMemoryCatalogStore(), 1)) {
            stack.createKeyLocation("bedrock_keys");

            stack.run(CALL.formatted(""));
            long used = stack.usageToday();
            RuntimeException refused = stack.failure(CALL.formatted(""));

            assertThat(used).isGreaterThanOrEqualTo(1);
            assertThat(exhausted(refused)).isTrue();
            assertThat(refused).hasMessageContaining(used + " of 1 tokens used");
            assertThat(emulator.calls("InvokeModel")).hasSize(1);
        }
    }

    @Test
    void usageStartsAgainAtMidnightUtc(BedrockEmulator emulator) {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T23:59:00Z"));
        try (TestStack stack = TestStack.start(emulator, 1, clock)) {
            stack.createKeyLocation("bedrock_keys");
            stack.run(CALL.formatted(""));
            assertThat(exhausted(stack.failure(CALL.formatted("")))).isTrue();

            clock.set(Instant.parse("2026-05-05T00:00:00Z"));

            assertThat(stack.usageToday()).isZero();
            assertThat(stack.run(CALL.formatted("")).value(0, 0)).isNotNull();
        }
    }

    @Test
    void concurrentCalls_cannotOverspendBeyondTheCallsInFlight(BedrockEmulator emulator) throws Exception {
        long budget = 60;
        int concurrency = 100;
        try (TestStack stack = TestStack.start(emulator, new InMemoryCatalogStore(), budget)) {
            stack.createKeyLocation("bedrock_keys");
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                Session session = stack.sessionOf(TestStack.ADMIN);
                calls.add(session.execute(CALL.formatted("")).toCompletableFuture().handle((result, failure) -> failure == null ? "ok" : failure));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            long succeeded = calls.stream().filter(call -> "ok".equals(call.join())).count();
            long refused = calls.stream().filter(call -> call.join() instanceof Throwable t && exhausted(t.getCause() != null ? t.getCause() : t)).count();
            long perCall = 5; // the emulator's Nova answer to "Hello": 2 input + 3 output tokens
            long usage = stack.usageToday();

            assertThat(succeeded + refused).as("every call either ran or was refused for the budget").isEqualTo(concurrency);
            assertThat(refused).as("the budget stopped some calls").isPositive();
            assertThat(usage).as("usage is exactly what the successful calls reported").isEqualTo(succeeded * perCall);
            assertThat(emulator.calls("InvokeModel")).hasSize((int) succeeded);
            // A call is admitted only while usage plus the reservations of the calls in flight is below the
            // budget, and a reservation (the request's estimated tokens) covers at least what a call uses here,
            // so the budget is never exceeded by more than one call's usage.
            assertThat(usage).isLessThanOrEqualTo(budget - 1 + perCall);
        }
    }

    @Test
    void budgetsAreOnePerAccount(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator, new InMemoryCatalogStore(), 1_000)) {
            stack.createKeyLocation("bedrock_keys");
            stack.run(CALL.formatted(""));
            stack.outcrop.createAccount(new AccountSpec("other_account", "us-east-1", "arn:aws:iam::111122223333:role/outcrop-other_account", 500L), "root");
            Session other = stack.outcrop.openSession("other_account", "root");

            assertThat(TestStack.run(other, "SELECT \"limit\", \"usage\" FROM information_schema.quotas").rows().get(0).values()).containsExactly(500L, 0L);
            assertThat(stack.failure(other, "ALTER ACCOUNT my_account SET (LLM_TOKEN_BUDGET = 1)")).hasMessageContaining("'my_account'");
            assertThat(stack.usageToday()).isPositive();
        }
    }
}
