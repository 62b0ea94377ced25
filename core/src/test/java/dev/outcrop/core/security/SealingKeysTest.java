package dev.outcrop.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

final class SealingKeysTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString(filled(32, (byte) 7));

    private static byte[] filled(int size, byte value) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    @Test
    void parse_takesTheFirstAsPrimary_andKeepsTheOthersForUnsealing() {
        SealingKeys keys = SealingKeys.parse("k2:" + KEY_B + ", k1:" + KEY_A);

        assertThat(keys.primaryKeyId()).isEqualTo("k2");
        assertThat(keys.keyIds()).containsExactlyInAnyOrder("k1", "k2");
        assertThat(keys.key("k2")).isEqualTo(filled(32, (byte) 7));
    }

    @Test
    void parse_namesTheFaultyEntryAndNeverTheKey() {
        assertThatThrownBy(() -> SealingKeys.parse("k1")).hasMessageContaining("entry 1").hasMessageContaining("<key id>:<base64 of 32 bytes>");
        assertThatThrownBy(() -> SealingKeys.parse("k1:" + KEY_A + ",k2:not*base64")).hasMessageContaining("'k2'").hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> SealingKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16]))).hasMessageContaining("32 bytes").hasMessageContaining("16");
        assertThatThrownBy(() -> SealingKeys.parse("k1:" + KEY_A + ",k1:" + KEY_B)).hasMessageContaining("given twice");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n"})
    void parse_missingKeys_saysWhereToSetThemHowToGenerateOneAndWhatToUseForADemo(String unset) {
        assertThatThrownBy(() -> SealingKeys.parse(unset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OUTCROP_SEALING_KEYS")
                .hasMessageContaining("outcrop.sealing-keys")
                .hasMessageContaining("<key id>:<base64 of 32 bytes>")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageContaining("SealingKeys.ephemeral()");
    }

    @Test
    void toString_showsIdsOnly() {
        assertThat(SealingKeys.parse("k1:" + KEY_B).toString()).contains("k1").doesNotContain(KEY_B);
    }
}
