package dev.outcrop.core.internal.seal;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.security.SealingKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

final class CredentialSealerTest {

    private static final byte[] KEY_1 = new byte[32];
    private static final byte[] KEY_2 = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final CredentialSealer sealer = new CredentialSealer(SealingKeys.of("k1", KEY_1));

    @Property(tries = 200)
    void sealThenUnseal_givesTheSameCredentials(@ForAll @StringLength(min = 1, max = 300) String id, @ForAll @StringLength(min = 1, max = 300) String secret) {
        LocationCredentials keys = new AccessKeyCredentials(id, secret, secret.length() % 2 == 0 ? null : id + secret);

        assertThat(sealer.unseal("acct", "loc-1", sealer.seal("acct", "loc-1", keys))).isEqualTo(keys);
    }

    @Test
    void sealed_holdsNoPlaintext_andDiffersEachTime() {
        RoleCredentials role = new RoleCredentials("arn:aws:iam::123456789012:role/BedrockAccess", "my-external-id");

        SealedSecret first = sealer.seal("acct", "loc-1", role);
        SealedSecret second = sealer.seal("acct", "loc-1", role);

        String decoded = new String(Base64.getDecoder().decode(first.payload()), StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContain("BedrockAccess").doesNotContain("my-external-id").doesNotContain("123456789012");
        assertThat(first.payload()).isNotEqualTo(second.payload());
        assertThat(first.keyId()).isEqualTo("k1");
        assertThat(sealer.unseal("acct", "loc-1", second)).isEqualTo(role);
    }

    @Test
    void ciphertextMovedToAnotherLocation_failsToUnseal() {
        SealedSecret sealed = sealer.seal("acct", "loc-1", AccessKeyCredentials.of("a", "b"));

        assertThatThrownBy(() -> sealer.unseal("acct", "loc-2", sealed)).hasMessageContaining("cannot be unsealed").hasMessageContaining("loc-2");
        assertThatThrownBy(() -> sealer.unseal("other", "loc-1", sealed)).hasMessageContaining("cannot be unsealed");
    }

    @Test
    void alteredCiphertext_failsToUnseal() {
        SealedSecret sealed = sealer.seal("acct", "loc-1", AccessKeyCredentials.of("a", "b"));
        byte[] bytes = Base64.getDecoder().decode(sealed.payload());
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> sealer.unseal("acct", "loc-1", new SealedSecret("k1", Base64.getEncoder().encodeToString(bytes))))
                .hasMessageContaining("altered");
    }

    @Test
    void rotation_newKeySealsAndTheOldStillUnseals() {
        SealedSecret old = sealer.seal("acct", "loc-1", AccessKeyCredentials.of("a", "b"));
        CredentialSealer rotated = new CredentialSealer(SealingKeys.parse("k2:" + Base64.getEncoder().encodeToString(KEY_2)
                + ",k1:" + Base64.getEncoder().encodeToString(KEY_1)));

        assertThat(rotated.unseal("acct", "loc-1", old)).isEqualTo(AccessKeyCredentials.of("a", "b"));
        assertThat(rotated.seal("acct", "loc-1", AccessKeyCredentials.of("a", "b")).keyId()).isEqualTo("k2");
    }

    @Test
    void unknownKeyId_saysWhichKeyIsMissing() {
        SealedSecret sealed = new CredentialSealer(SealingKeys.of("gone", KEY_2)).seal("acct", "loc-1", AccessKeyCredentials.of("a", "b"));

        assertThatThrownBy(() -> sealer.unseal("acct", "loc-1", sealed)).hasMessageContaining("'gone'").hasMessageContaining("[k1]");
    }
}
