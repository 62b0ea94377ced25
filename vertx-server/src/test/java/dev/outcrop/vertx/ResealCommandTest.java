package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.security.SealingKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outcrop-server reseal} as an operator runs it: the server's config file, the keys from the environment. */
final class ResealCommandTest {

    private static final String K1 = "k1:" + key(1);
    private static final String K2 = "k2:" + key(2);

    private static String key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int reseal(Path config, String keys) {
        return ResealCommand.run(new String[] {"--config", config.toString()}, Map.of("OUTCROP_SEALING_KEYS", keys),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void resealsEveryLocationWithThePrimaryKey_thenFindsNothingToDo_andRefusesAWrongKey(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:mem:reseal_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        Path config = Files.writeString(dir.resolve("outcrop.properties"), "outcrop.catalog.jdbc.url=" + url + "\n");
        try (CatalogStore catalog = CatalogProviders.open("jdbc", Map.of("jdbc.url", url), CatalogContext.defaults());
             Outcrop outcrop = Outcrop.builder().catalog(catalog).sealingKeys(SealingKeys.parse(K1)).build()) {
            outcrop.createAccount(new AccountSpec("acct", "us-east-1", "arn:aws:iam::111122223333:role/outcrop-trust-demo", 0L), "admin");
            outcrop.openSession("acct", "admin").execute("""
                    CREATE LOCATION a WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' );
                    CREATE LOCATION b WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
                        AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' )
                    """).toCompletableFuture().join();
        }

        assertThat(reseal(config, K2 + "," + K1)).as("exit status; stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("done: 2 of 2 locations re-sealed with key 'k2'")
                .contains("the other keys may be removed");
        try (CatalogStore catalog = CatalogProviders.open("jdbc", Map.of("jdbc.url", url), CatalogContext.defaults())) {
            assertThat(catalog.listLocations("acct")).extracting(LocationRecord::credentials).allMatch(sealed -> sealed.keyId().equals("k2"));
        }

        out.reset();
        assertThat(reseal(config, K2)).as("rerun without k1; stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("done: 0 of 2 locations re-sealed").contains("2 already sealed with it");

        assertThat(reseal(config, K2 + ",k1:" + key(7))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sealing key 'k1' is not the key that the catalog registered");
    }
}
