package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.ResealProgress;
import dev.outcrop.core.security.SealingKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retiring a sealing key end to end, on H2 and on PostgreSQL, as an operator does it: servers seal 1,000
 * locations with k1; k2 is added and made primary; the re-seal runs (twice: it is safe to rerun); k1 is
 * removed and the server restarted; every location still unseals and a sample of them calls the
 * emulator. A server then started with a wrong k1 is refused, naming k1.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class SealingKeyRotationTest {

    private static final int LOCATIONS = 1_000;
    private static final int PER_SCRIPT = 100;
    private static final String K1 = "k1:" + key(1);
    private static final String K2 = "k2:" + key(2);
    private static final String WRONG_K1 = "k1:" + key(7);

    private static String key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void rotation_onH2(BedrockEmulator emulator) throws Exception {
        String url = "jdbc:h2:mem:rotation_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        rotate(emulator, () -> CatalogProviders.open("jdbc", Map.of("jdbc.url", url), CatalogContext.defaults()));
    }

    @Test
    void rotation_onPostgres(BedrockEmulator emulator) throws Exception {
        PostgresForTests.require();
        String schema = "outcrop_rot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            rotate(emulator, () -> CatalogProviders.open("jdbc", Map.of("jdbc.url", PostgresForTests.URL, "jdbc.user", PostgresForTests.USER,
                    "jdbc.schema", schema), CatalogContext.defaults()));
        }
        finally {
            PostgresForTests.dropSchema(schema);
        }
    }

    private static Supplier<CatalogStore> h2() {
        String url = "jdbc:h2:mem:sealing_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return () -> CatalogProviders.open("jdbc", Map.of("jdbc.url", url), CatalogContext.defaults());
    }

    @Test
    void aLocationThisServerCannotUnseal_failsAlone_andTheViewStillListsIt(BedrockEmulator emulator) {
        Supplier<CatalogStore> catalog = h2();
        // Another server, configured with key k3 only, created 'foreign'; this one has k1 only.
        try (TestStack other = TestStack.server(emulator, catalog.get(), 1_000_000, SealingKeys.parse("k3:" + key(3)))) {
            other.createKeyLocation("foreign");
        }
        try (TestStack server = TestStack.server(emulator, catalog.get(), 1_000_000, SealingKeys.parse(K1))) {
            server.createKeyLocation("fine");

            assertThat(server.run("SELECT location_name FROM information_schema.locations").rows()).hasSize(2);
            assertThat(String.valueOf(server.run("SELECT ddl FROM information_schema.locations WHERE location_name = 'foreign'").value(0, 0)))
                    .contains("sealed with key 'k3', which this server cannot unseal").doesNotContain("AKIA");
            assertThat(String.valueOf(server.run("SELECT ddl FROM information_schema.locations WHERE location_name = 'fine'").value(0, 0)))
                    .contains("AWS_ACCESS_KEY_ID = '****'");
            RuntimeException e = server.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'foreign')");
            assertThat(TestStack.codeOf(e)).isEqualTo(OutcropErrorCode.LOCATION_CREDENTIALS_UNREADABLE);
            assertThat(e.getMessage()).contains("location 'foreign'").contains("key 'k3'").contains("ALTER LOCATION foreign SET CREDENTIALS");
            assertThat(String.valueOf(server.run("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'fine')")
                    .value(0, 0))).contains("output");
        }
    }

    @Test
    void anAccountAdmin_resealsTheirOwnAccountWithSql(BedrockEmulator emulator) {
        Supplier<CatalogStore> catalog = h2();
        try (TestStack first = TestStack.server(emulator, catalog.get(), 1_000_000, SealingKeys.parse(K1))) {
            first.createKeyLocation("a");
            first.createKeyLocation("b");
            first.outcrop.createAccount(dev.outcrop.core.AccountSpec.fromTemplate("other_account", "us-east-1",
                    "arn:aws:iam::111122223333:role/outcrop-{account}", 1_000L), "root");
            TestStack.run(first.outcrop.openSession("other_account", "root"), "CREATE LOCATION theirs WITH SOURCE = AMAZON_BEDROCK"
                    + " CREDENTIALS = ( AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_ROLE + "' )");
            first.run("CREATE USER bob");
        }
        try (TestStack rotated = TestStack.server(emulator, catalog.get(), 1_000_000, SealingKeys.parse(K2 + "," + K1))) {
            assertThat(TestStack.codeOf(rotated.failure(rotated.sessionOf("bob"), "ALTER ACCOUNT my_account RESEAL LOCATIONS")))
                    .isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(TestStack.codeOf(rotated.failure("ALTER ACCOUNT other_account RESEAL LOCATIONS")))
                    .isEqualTo(OutcropErrorCode.ACCOUNT_NOT_FOUND);

            QueryResult done = rotated.run("ALTER ACCOUNT my_account RESEAL LOCATIONS");

            assertThat(done.statusMessage()).startsWith("ALTER ACCOUNT RESEAL LOCATIONS: done: 2 of 2 locations re-sealed with key 'k2'");
            assertThat(keyIdsInCatalog(rotated.catalog)).containsOnly("k2");
            assertThat(rotated.catalog.listLocations("other_account")).extracting(l -> l.credentials().keyId())
                    .as("another account's locations are its admin's, or the operator's, to re-seal").containsExactly("k1");
        }
    }

    private void rotate(BedrockEmulator emulator, Supplier<CatalogStore> catalog) throws Exception {
        // 1. Key k1 seals 1,000 locations: access-key and role locations, created in scripts of 100, four at a time.
        try (TestStack first = TestStack.server(emulator, catalog.get(), 1_000_000, SealingKeys.parse(K1))) {
            List<CompletableFuture<List<QueryResult>>> scripts = new ArrayList<>();
            for (int start = 0; start < LOCATIONS; start += PER_SCRIPT) {
                StringBuilder script = new StringBuilder();
                for (int i = start; i < start + PER_SCRIPT; i++) {
                    script.append(createLocation(i)).append(";\n");
                }
                scripts.add(first.admin.executeScript(script.toString()).toCompletableFuture());
                if (scripts.size() % 4 == 0) {
                    CompletableFuture.allOf(scripts.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(scripts.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            assertThat(keyIdsInCatalog(first.catalog)).containsOnly("k1").hasSize(LOCATIONS);
        }

        // 2. k2 added and made primary, then the re-seal, as the CLI runs it; and once more, which finds nothing to do.
        try (TestStack rotating = TestStack.server(emulator, catalog.get(), 1_000_000, SealingKeys.parse(K2 + "," + K1))) {
            List<ResealProgress> reports = new CopyOnWriteArrayList<>();
            ResealProgress done = rotating.outcrop.resealLocations(reports::add);

            assertThat(done.complete()).as(done.summary()).isTrue();
            assertThat(done.resealed()).isEqualTo(LOCATIONS);
            assertThat(reports).as("progress every 100 locations, then the end").hasSize(LOCATIONS / 100 + 1);
            assertThat(reports.get(0).done()).isFalse();
            assertThat(keyIdsInCatalog(rotating.catalog)).containsOnly("k2");

            ResealProgress again = rotating.outcrop.resealLocations(report -> { });
            assertThat(again.resealed()).isZero();
            assertThat(again.alreadyCurrent()).isEqualTo(LOCATIONS);
            assertThat(again.complete()).isTrue();
        }

        // 3. k1 removed, server restarted: every location unseals (the view lists them all, none unreadable), and calls work.
        try (TestStack restarted = TestStack.server(emulator, catalog.get(), 1_000_000, SealingKeys.parse(K2))) {
            QueryResult view = restarted.run("SELECT location_name, ddl FROM information_schema.locations");
            assertThat(view.rows()).hasSize(LOCATIONS);
            assertThat(view.rows()).noneMatch(row -> String.valueOf(row.get(1)).contains("cannot unseal"));
            for (int i = 0; i < LOCATIONS; i += 97) {
                QueryResult answer = restarted.run("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'loc_" + i + "')");
                assertThat(String.valueOf(answer.value(0, 0))).as("location loc_%d answers", i).contains("output");
            }
        }

        // 4. A server given another key under the id k1 is refused at start, naming k1, though k1 no longer seals anything.
        assertThatThrownBy(() -> TestStack.server(emulator, catalog.get(), 1_000_000, SealingKeys.parse(K2 + "," + WRONG_K1)))
                .isInstanceOfSatisfying(OutcropException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(OutcropErrorCode.SEALING_KEY_MISMATCH.toErrorCode()))
                .hasMessageContaining("'k1'");
    }

    private static String createLocation(int i) {
        String credentials = i % 2 == 0
                ? "AWS_ACCESS_KEY_ID = '" + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '"
                        + EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY + "'"
                : "AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_ROLE + "'";
        return "CREATE LOCATION loc_" + i + " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( " + credentials + " )";
    }

    private static List<String> keyIdsInCatalog(CatalogStore catalog) {
        return catalog.listLocations(TestStack.ACCOUNT).stream().map(LocationRecord::credentials).map(s -> s.keyId()).toList();
    }
}
