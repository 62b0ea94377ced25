package dev.outcrop.bedrock.emulator.internal.iam;

import dev.outcrop.bedrock.emulator.internal.sigv4.SigningCredential;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every access key the emulator knows: the configured long-term keys and the temporary ones STS has issued. Both
 * kinds sign Bedrock and STS calls alike, which is what makes role chaining work.
 */
public final class CredentialRegistry {
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** A key together with the principal it resolves to. */
    public record Entry(SigningCredential credential, Principal principal) {
    }

    private static final int SESSION_SWEEP_THRESHOLD = 10_000;

    private final Map<String, Entry> staticKeys;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public CredentialRegistry(List<LongTermKey> longTermKeys) {
        Map<String, Entry> keys = new ConcurrentHashMap<>();
        for (LongTermKey key : longTermKeys) {
            String account = accountOf(key.principalArn());
            keys.put(key.accessKeyId(), new Entry(
                    new SigningCredential(key.accessKeyId(), key.secretAccessKey(), null, null),
                    new Principal(key.principalArn(), stableId("AIDA", key.principalArn()), account,
                            new ModelAccess(key.allowedModels()))));
        }
        this.staticKeys = keys;
    }

    public Entry find(String accessKeyId) {
        if (accessKeyId == null) {
            return null;
        }
        Entry entry = staticKeys.get(accessKeyId);
        return entry != null ? entry : sessions.get(accessKeyId);
    }

    public SigningCredential credential(String accessKeyId) {
        Entry entry = find(accessKeyId);
        return entry == null ? null : entry.credential();
    }

    /**
     * Mints an {@code ASIA...} key, secret and session token for a role session and remembers them. Expired sessions
     * are forgotten once many have piled up, so a long AssumeRole load run does not grow without bound.
     */
    public Entry issueSession(Principal principal, Instant expiration) {
        if (sessions.size() >= SESSION_SWEEP_THRESHOLD) {
            Instant now = Instant.now();
            sessions.values().removeIf(e -> e.credential().expiration().isBefore(now));
        }
        String keyId;
        do {
            keyId = "ASIA" + randomString(KEY_ALPHABET, 16);
        } while (find(keyId) != null);
        String secret = randomString(SECRET_ALPHABET, 40);
        byte[] tokenBytes = new byte[180];
        random.nextBytes(tokenBytes);
        // Real session tokens are long opaque base64 blobs; the prefix marks them as the emulator's.
        String token = "IQoJb3JpZ2luX2VtdWxhdG9y" + Base64.getEncoder().encodeToString(tokenBytes);
        Entry entry = new Entry(new SigningCredential(keyId, secret, token, expiration), principal);
        sessions.put(keyId, entry);
        return entry;
    }

    public int sessionCount() {
        return sessions.size();
    }

    private String randomString(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    /** The account id of an IAM or STS ARN, or "000000000000" when the ARN has none. */
    public static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : "000000000000";
    }

    /** A deterministic IAM-style unique id ({@code AIDA}/{@code AROA} + 17 chars) derived from an ARN. */
    public static String stableId(String prefix, String arn) {
        byte[] bytes = arn.getBytes(StandardCharsets.UTF_8);
        long h = 1125899906842597L;
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            for (byte b : bytes) {
                h = 31 * h + b;
            }
            h ^= (h >>> 29) + i;
            sb.append(KEY_ALPHABET[(int) Math.floorMod(h, (long) KEY_ALPHABET.length)]);
        }
        return sb.toString();
    }
}
