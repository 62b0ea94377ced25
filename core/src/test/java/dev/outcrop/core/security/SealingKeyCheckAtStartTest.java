package dev.outcrop.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.SealingKeyRecord;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A server started with a wrong key under a key id the catalog knows is refused before it seals anything. */
final class SealingKeyCheckAtStartTest {

    private static final String K1 = "k1:" + key(1);
    private static final String WRONG_K1 = "k1:" + key(9);
    private static final String K2 = "k2:" + key(2);

    private static String key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Outcrop start(InMemoryCatalogStore catalog, String keys) {
        return Outcrop.builder().catalog(catalog).sealingKeys(SealingKeys.parse(keys))
                .statementParser(sql -> { throw new UnsupportedOperationException(); }).build();
    }

    @Test
    void firstStart_registersAVerifierPerKeyId_neverTheKey() {
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore()) {
            start(catalog, K2 + "," + K1).close();

            assertThat(catalog.listSealingKeys()).extracting(SealingKeyRecord::keyId).containsExactly("k1", "k2");
            for (SealingKeyRecord registered : catalog.listSealingKeys()) {
                assertThat(registered.verifier()).doesNotContain(key(1)).doesNotContain(key(2)).startsWith("hmac-sha256-v1:");
            }
        }
    }

    @Test
    void sameKeysAgain_start_andANewKeyIdIsRegistered() {
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore()) {
            start(catalog, K1).close();

            start(catalog, K2 + "," + K1).close();

            assertThat(catalog.listSealingKeys()).extracting(SealingKeyRecord::keyId).as("k2 registered on first use").containsExactly("k1", "k2");
        }
    }

    @Test
    void wrongKeyUnderAKnownId_isRefusedNamingTheKeyId_evenWhenItIsNotThePrimary() {
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore()) {
            start(catalog, K1).close();

            assertThatThrownBy(() -> start(catalog, K2 + "," + WRONG_K1))
                    .isInstanceOfSatisfying(OutcropException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(OutcropErrorCode.SEALING_KEY_MISMATCH.toErrorCode()))
                    .hasMessageContaining("sealing key 'k1' is not the key that the catalog registered")
                    .hasMessageContaining("OUTCROP_SEALING_KEYS")
                    .hasMessageNotContaining(key(9)).hasMessageNotContaining(key(1));
            assertThat(catalog.listSealingKeys()).extracting(SealingKeyRecord::keyId)
                    .as("the refused start still registered k2, which is right: it was a correct first use").containsExactly("k1", "k2");
        }
    }

    @Test
    void ephemeralKeys_areNotRegistered_eachProcessHasItsOwn() {
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore()) {
            Outcrop.builder().catalog(catalog).sealingKeys(SealingKeys.ephemeral())
                    .statementParser(sql -> { throw new UnsupportedOperationException(); }).build().close();
            Outcrop.builder().catalog(catalog).sealingKeys(SealingKeys.ephemeral())
                    .statementParser(sql -> { throw new UnsupportedOperationException(); }).build().close();

            assertThat(catalog.listSealingKeys()).isEmpty();
        }
    }
}
