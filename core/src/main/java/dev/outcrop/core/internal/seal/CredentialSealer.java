package dev.outcrop.core.internal.seal;


import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.security.SealingKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals credentials with AES-256-GCM before they reach a catalog, and unseals them after.
 *
 * <p>The associated data binds each ciphertext to its account and location id, so a ciphertext copied
 * onto another location (by someone with write access to the catalog's tables) fails to unseal
 * instead of lending that location someone else's credentials.
 */
public final class CredentialSealer {

    private static final int FORMAT_VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte KIND_ACCESS_KEYS = 1;
    private static final byte KIND_ROLE = 2;

    private final SealingKeys keys;
    private final SecureRandom random = new SecureRandom();

    public CredentialSealer(SealingKeys keys) {
        this.keys = requireNonNull(keys, "keys is null");
    }

    /** The key new sealings use. */
    public String primaryKeyId() {
        return keys.primaryKeyId();
    }

    public SealedSecret seal(String accountName, String locationId, LocationCredentials credentials) {
        byte[] plain = serialize(credentials);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        String keyId = keys.primaryKeyId();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyId, iv, accountName, locationId);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return new SealedSecret(keyId, Base64.getEncoder().encodeToString(out));
        }
        catch (GeneralSecurityException e) {
            throw new OutcropException(OutcropErrorCode.INTERNAL, "could not seal the credentials of location id " + locationId + ": " + e.getClass().getSimpleName(), e);
        }
        finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    public LocationCredentials unseal(String accountName, String locationId, SealedSecret secret) {
        if (!keys.hasKey(secret.keyId())) {
            throw new OutcropException(OutcropErrorCode.INTERNAL, "the credentials of location id " + locationId
                    + " were sealed with key '" + secret.keyId() + "', which is not configured; add it to the sealing keys (known: " + keys.keyIds() + ")");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(secret.payload());
        }
        catch (IllegalArgumentException e) {
            throw corrupt(locationId, e);
        }
        if (data.length <= IV_BYTES) {
            throw corrupt(locationId, null);
        }
        byte[] iv = java.util.Arrays.copyOf(data, IV_BYTES);
        byte[] plain = null;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, secret.keyId(), iv, accountName, locationId);
            plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
            return deserialize(plain, locationId);
        }
        catch (GeneralSecurityException e) {
            throw corrupt(locationId, e);
        }
        finally {
            if (plain != null) {
                java.util.Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private Cipher cipher(int mode, String keyId, byte[] iv, String accountName, String locationId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(keys.key(keyId), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD((accountName + "\u0000" + locationId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static OutcropException corrupt(String locationId, Exception cause) {
        return new OutcropException(OutcropErrorCode.INTERNAL, "the sealed credentials of location id " + locationId
                + " cannot be unsealed: they were altered, moved from another location, or sealed with a different key of the same id", cause);
    }

    private static byte[] serialize(LocationCredentials credentials) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            if (credentials instanceof AccessKeyCredentials keys) {
                out.writeByte(KIND_ACCESS_KEYS);
                out.writeUTF(keys.accessKeyId());
                out.writeUTF(keys.secretAccessKey());
                writeNullable(out, keys.sessionToken());
            }
            else if (credentials instanceof RoleCredentials role) {
                out.writeByte(KIND_ROLE);
                out.writeUTF(role.roleArn());
                writeNullable(out, role.externalId());
            }
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static LocationCredentials deserialize(byte[] plain, String locationId) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new OutcropException(OutcropErrorCode.INTERNAL, "the sealed credentials of location id " + locationId
                        + " use format " + version + ", which this version of Outcrop cannot read; upgrade Outcrop");
            }
            byte kind = in.readByte();
            return switch (kind) {
                case KIND_ACCESS_KEYS -> new AccessKeyCredentials(in.readUTF(), in.readUTF(), readNullable(in));
                case KIND_ROLE -> new RoleCredentials(in.readUTF(), readNullable(in));
                default -> throw corrupt(locationId, null);
            };
        }
        catch (IOException e) {
            throw corrupt(locationId, e);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
