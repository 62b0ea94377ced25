package dev.outcrop.vertx.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.core.identity.ServiceAccountIdentity;
import dev.outcrop.core.security.SealingKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Issues and verifies access tokens: JWTs signed with HMAC-SHA256 ({@code HS256}) under a key derived
 * with HKDF-SHA256 from one of the deployment's sealing keys, named in the header's {@code kid}. Every
 * server configured with the same sealing keys verifies every other's tokens, and a rotated-in primary
 * key signs new tokens while the old one still verifies until it is removed. A token carries the service
 * account's id ({@code sub}), its key's id ({@code key}), its account ({@code acc}), and its expiry
 * ({@code exp}, {@code iat}); never the secret.
 *
 * <p>Verification accepts {@code HS256} only (no {@code none}, no algorithm taken from the token) and
 * compares signatures in constant time. Cheap: it may run on an event loop.
 */
public final class AccessTokens {

    /** Separates these keys from anything else derived from the sealing keys: changing it ends every token. */
    private static final byte[] HKDF_INFO = "outcrop access token signing key v1".getBytes(StandardCharsets.US_ASCII);
    private static final String HEADER_ALG = "HS256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SealingKeys sealingKeys;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, byte[]> derived = new ConcurrentHashMap<>();

    public AccessTokens(SealingKeys sealingKeys, Clock clock, Duration lifetime) {
        this.sealingKeys = requireNonNull(sealingKeys, "sealingKeys is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, but was " + lifetime);
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A new token for the identity, valid for {@link #lifetime()}. */
    public String issue(ServiceAccountIdentity identity) {
        String kid = sealingKeys.primaryKeyId();
        ObjectNode header = JSON.createObjectNode().put("alg", HEADER_ALG).put("typ", "JWT").put("kid", kid);
        Instant now = clock.instant();
        ObjectNode payload = JSON.createObjectNode()
                .put("sub", identity.serviceAccountId())
                .put("key", identity.keyId())
                .put("acc", identity.accountName())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(lifetime).getEpochSecond());
        String signingInput = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(sign(kid, signingInput));
    }

    /** The claims of a token this deployment signed and that has not expired; empty for anything else. */
    public Optional<TokenClaims> verify(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            String kid = header.path("kid").asText("");
            if (!HEADER_ALG.equals(header.path("alg").asText()) || !sealingKeys.hasKey(kid)) {
                return Optional.empty();
            }
            byte[] expected = sign(kid, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode payload = JSON.readTree(B64D.decode(parts[1]));
            Instant expires = Instant.ofEpochSecond(payload.path("exp").asLong(0));
            if (!clock.instant().isBefore(expires)) {
                return Optional.empty();
            }
            String sub = payload.path("sub").asText(null);
            String key = payload.path("key").asText(null);
            String account = payload.path("acc").asText(null);
            if (sub == null || key == null || account == null) {
                return Optional.empty();
            }
            return Optional.of(new TokenClaims(sub, key, account, expires));
        }
        catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String kid, String signingInput) {
        byte[] key = derived.computeIfAbsent(kid, this::derive);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256, which every Java runtime provides", e);
        }
    }

    private byte[] derive(String kid) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(sealingKeys.key(kid), null, HKDF_INFO));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    @Override
    public String toString() {
        return "AccessTokens[lifetime=" + lifetime + ", sealingKeys=" + sealingKeys + "]";
    }
}
