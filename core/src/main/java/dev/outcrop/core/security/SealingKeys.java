package dev.outcrop.core.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AES-256 keys that seal location credentials before they reach a catalog. The primary key seals
 * new credentials; every key can unseal, so keys rotate by adding a new primary and keeping the old
 * ones until every location has been re-sealed.
 *
 * <p>Configured as text {@code id1:base64key1,id2:base64key2} (the first is the primary), for example
 * from the environment variable {@value #ENVIRONMENT_VARIABLE} or the server's property {@value #PROPERTY}.
 * Generate a key with {@code openssl rand -base64 32}. For a demo or a test, {@link #ephemeral()} needs
 * no configuration.
 */
public final class SealingKeys {

    /** The environment variable the server, and README's snippet, read the keys from. */
    public static final String ENVIRONMENT_VARIABLE = "OUTCROP_SEALING_KEYS";
    /** The server's configuration property for the keys. */
    public static final String PROPERTY = "outcrop.sealing-keys";

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String primaryKeyId;
    private final Map<String, byte[]> keys;
    private final boolean ephemeral;

    private SealingKeys(String primaryKeyId, Map<String, byte[]> keys) {
        this(primaryKeyId, keys, false);
    }

    private SealingKeys(String primaryKeyId, Map<String, byte[]> keys, boolean ephemeral) {
        this.primaryKeyId = primaryKeyId;
        this.keys = keys;
        this.ephemeral = ephemeral;
    }

    /**
     * Parses {@code id:base64key[,id:base64key...]}. Messages name the entry at fault, never a key.
     *
     * @param spec the keys; null or blank (typically an unset {@value #ENVIRONMENT_VARIABLE}) is refused
     *             with a message that says how to configure and generate them
     * @throws IllegalArgumentException if the keys are missing or malformed
     */
    public static SealingKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            // Most often System.getenv("OUTCROP_SEALING_KEYS") of a shell that never set it: say what to do.
            throw new IllegalArgumentException("no sealing keys are configured: set the environment variable " + ENVIRONMENT_VARIABLE
                    + " (or the property " + PROPERTY + ") to <key id>:<base64 of 32 bytes>[,<key id>:<base64 of 32 bytes>...],"
                    + " the first key sealing and every key unsealing; generate a key with `openssl rand -base64 32`, for example"
                    + " export " + ENVIRONMENT_VARIABLE + "=k1:$(openssl rand -base64 32). For a demo or a test, use"
                    + " SealingKeys.ephemeral() instead (credentials sealed with it cannot be read after a restart)");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String primary = null;
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("sealing key entry " + (i + 1) + " is not of the form <key id>:<base64 of 32 bytes>");
            }
            String id = entry.substring(0, colon);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sealing key '" + id + "' is not valid base64: generate one with `openssl rand -base64 32`");
            }
            add(keys, id, key);
            if (primary == null) {
                primary = id;
            }
        }
        return new SealingKeys(primary, Map.copyOf(keys));
    }

    /** One key, as the primary. */
    public static SealingKeys of(String keyId, byte[] key) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        add(keys, keyId, key);
        return new SealingKeys(keyId, Map.copyOf(keys));
    }

    /**
     * A fresh random key that lives as long as this process: for demos and tests only, since
     * credentials sealed with it cannot be read after a restart.
     */
    public static SealingKeys ephemeral() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SealingKeys one = of("ephemeral", key);
        return new SealingKeys(one.primaryKeyId, one.keys, true);
    }

    /**
     * Whether these are {@link #ephemeral()} keys. Each process has its own, so the catalog does not
     * register them: there is no key that every server should hold.
     */
    public boolean isEphemeral() {
        return ephemeral;
    }

    private static void add(Map<String, byte[]> keys, String id, byte[] key) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("sealing key id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("sealing key '" + id + "' must be 32 bytes (AES-256), but was " + key.length + " bytes");
        }
        if (keys.put(id, key.clone()) != null) {
            throw new IllegalArgumentException("sealing key id '" + id + "' is given twice");
        }
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    public List<String> keyIds() {
        return List.copyOf(new ArrayList<>(keys.keySet()));
    }

    /** The key bytes, for the sealer; package users should not need them. */
    public byte[] key(String keyId) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("no sealing key with id '" + keyId + "' is configured; known ids: " + keys.keySet());
        }
        return key.clone();
    }

    public boolean hasKey(String keyId) {
        return keys.containsKey(keyId);
    }

    @Override
    public String toString() {
        return "SealingKeys[primary=" + primaryKeyId + ", keyIds=" + keys.keySet() + "]";
    }
}
