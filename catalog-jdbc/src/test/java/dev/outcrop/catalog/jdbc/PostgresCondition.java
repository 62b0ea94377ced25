package dev.outcrop.catalog.jdbc;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresPostgres}. The probe runs once per JVM. */
final class PostgresCondition implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

    private static volatile String unreachable;
    private static volatile boolean probed;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = probe();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + TestPostgres.URL);
        }
        if (inCi()) {
            return ConditionEvaluationResult.enabled("CI=true: the test must fail rather than skip");
        }
        return ConditionEvaluationResult.disabled(message(reason));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failIfUnreachable();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failIfUnreachable();
    }

    private static void failIfUnreachable() {
        String reason = probe();
        if (reason != null) {
            throw new AssertionError(message(reason) + " (CI=true, so this fails instead of skipping)");
        }
    }

    private static String message(String reason) {
        return "PostgreSQL not reachable at " + TestPostgres.URL + " as " + TestPostgres.USER + " (" + reason
                + "); start it or set OUTCROP_TEST_PG_URL";
    }

    private static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static synchronized String probe() {
        if (!probed) {
            unreachable = TestPostgres.unreachableReason();
            probed = true;
        }
        return unreachable;
    }
}
