package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.security.SealingKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two servers of one deployment (two SDK instances, each with its own JDBC catalog store and cache) on
 * one PostgreSQL database: a location created through one is used through the other, and they spend
 * one token budget. Needs PostgreSQL at {@code OUTCROP_TEST_PG_URL} (default 127.0.0.1:5432/test, user
 * postgres); skipped without it, except under CI=true, where it fails.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class SharedCatalogOnPostgresTest {

    private static final String URL = System.getenv().getOrDefault("OUTCROP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("OUTCROP_TEST_PG_USER", "postgres");

    @BeforeAll
    static void requirePostgres() {
        String reason;
        try (Connection connection = DriverManager.getConnection(URL + (URL.contains("?") ? "&" : "?") + "connectTimeout=5", USER, System.getenv("OUTCROP_TEST_PG_PASSWORD"))) {
            reason = connection.isValid(5) ? null : "the connection is not valid";
        }
        catch (SQLException e) {
            reason = e.getMessage();
        }
        String message = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + reason + "); start it or set OUTCROP_TEST_PG_URL";
        if (reason != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true, so this fails instead of skipping)");
        }
        assumeTrue(reason == null, message);
    }

    private static CatalogStore store(String schema) {
        return CatalogProviders.open("jdbc", Map.of("jdbc.url", URL, "jdbc.user", USER, "jdbc.schema", schema,
                "cache.max-staleness-ms", "200"), CatalogContext.defaults());
    }

    @Test
    void twoServers_shareLocationsAndOneBudget(BedrockEmulator emulator) throws Exception {
        String schema = "outcrop_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SealingKeys keys = SealingKeys.ephemeral();
        long budget = 40;
        try (TestStack first = TestStack.server(emulator, store(schema), budget, keys);
             TestStack second = TestStack.server(emulator, store(schema), budget, keys)) {
            first.createKeyLocation("bedrock_keys");
            String call = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_keys')";

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            RuntimeException notYet = null;
            do {
                try {
                    second.run(call);
                    notYet = null;
                }
                catch (OutcropException e) {
                    notYet = e;
                    Thread.sleep(50);
                }
            } while (notYet != null && System.nanoTime() < deadline);
            assertThat(notYet).as("the second server sees the first's location within its cache bound").isNull();

            List<CompletableFuture<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Session session = (i % 2 == 0 ? first : second).sessionOf(TestStack.ADMIN);
                calls.add(session.execute(call).toCompletableFuture().handle((result, failure) -> failure == null ? "ok" : failure));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            long succeeded = calls.stream().filter(c -> "ok".equals(c.join())).count() + 1;
            long refused = calls.stream().filter(c -> c.join() instanceof Throwable t && t.getCause() instanceof OutcropException o
                    && o.errorCode().equals(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED.toErrorCode())).count();
            assertThat(refused).as("the shared budget stopped calls on both servers").isPositive();
            assertThat(first.usageToday()).as("both servers read one usage").isEqualTo(second.usageToday()).isEqualTo(succeeded * 5);
            assertThat(first.usageToday()).isLessThanOrEqualTo(budget - 1 + 5);
        }
        finally {
            try (Connection connection = DriverManager.getConnection(URL, USER, System.getenv("OUTCROP_TEST_PG_PASSWORD"));
                 var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
