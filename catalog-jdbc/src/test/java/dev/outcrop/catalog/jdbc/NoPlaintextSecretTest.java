package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.catalog.testkit.CatalogFixtures;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Core hands the store sealed credentials only; this checks the tables themselves, read with plain JDBC,
 * hold no credential value in the clear (nor merely base64-encoded), on H2 and on PostgreSQL.
 */
final class NoPlaintextSecretTest {

    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEBYaDEXAMPLESESSIONTOKEN";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/customer-bedrock";
    static final String EXTERNAL_ID = "external-id-9f8e7d";
    static final List<String> SECRETS = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, ROLE_ARN, EXTERNAL_ID);

    @Test
    void h2Tables_holdNoPlaintextSecret() throws SQLException {
        String url = "jdbc:h2:mem:scan_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        List<SealedSecret> sealed;
        try (CatalogStore store = JdbcCatalogProvider.open(JdbcCatalogConfig.builder().url(url).cacheMaxStaleness(Duration.ZERO).build(),
                CatalogContext.defaults())) {
            sealed = storeLocationsWithSecrets(store);
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            assertNoPlaintext(TableScan.allValues(connection, "PUBLIC"), sealed);
            connection.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    @RequiresPostgres
    void postgresTables_holdNoPlaintextSecret() throws SQLException {
        String schema = TestPostgres.newSchemaName("scan");
        try {
            List<SealedSecret> sealed;
            try (CatalogStore store = JdbcCatalogProvider.open(TestPostgres.config(schema).build(), CatalogContext.defaults())) {
                sealed = storeLocationsWithSecrets(store);
            }
            try (Connection connection = TestPostgres.connect()) {
                assertNoPlaintext(TableScan.allValues(connection, schema), sealed);
            }
        }
        finally {
            TestPostgres.dropSchema(schema);
        }
    }

    /** Creates a key-pair location and a role location, then rotates the first one's credentials, as core would. */
    private static List<SealedSecret> storeLocationsWithSecrets(CatalogStore store) {
        TestSealer sealer = new TestSealer();
        SealedSecret keys = sealer.seal("{\"AWS_ACCESS_KEY_ID\":\"" + ACCESS_KEY_ID + "\",\"AWS_SECRET_ACCESS_KEY\":\""
                + SECRET_ACCESS_KEY + "\",\"AWS_SESSION_TOKEN\":\"" + SESSION_TOKEN + "\"}");
        SealedSecret role = sealer.seal("{\"AWS_ROLE_ARN\":\"" + ROLE_ARN + "\",\"AWS_ROLE_EXTERNAL_ID\":\"" + EXTERNAL_ID + "\"}");
        SealedSecret rotated = sealer.seal("{\"AWS_ACCESS_KEY_ID\":\"" + ACCESS_KEY_ID + "\",\"AWS_SECRET_ACCESS_KEY\":\""
                + SECRET_ACCESS_KEY + "\"}");
        LocationRecord withKeys = store.createLocation(CatalogFixtures.withCredentials(CatalogFixtures.location("acme", "keys"), keys));
        store.createLocation(CatalogFixtures.withCredentials(CatalogFixtures.location("acme", "role"), role));
        store.updateLocation(CatalogFixtures.withCredentials(withKeys, rotated));
        store.createAccount(CatalogFixtures.account("acme"));
        return List.of(rotated, role);
    }

    private static void assertNoPlaintext(List<String> values, List<SealedSecret> sealed) {
        assertThat(values).as("the scan reached the stored ciphertext")
                .anySatisfy(value -> assertThat(value).contains(sealed.get(0).payload()))
                .anySatisfy(value -> assertThat(value).contains(sealed.get(1).payload()));
        for (String secret : SECRETS) {
            String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            assertThat(values).as("no column holds %s", secret.substring(0, 6) + "...")
                    .noneSatisfy(value -> assertThat(value.toLowerCase()).contains(secret.toLowerCase()))
                    .noneSatisfy(value -> assertThat(value).contains(base64));
        }
    }
}
