package dev.outcrop.catalog.jdbc;

import dev.outcrop.catalog.spi.SealedSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** Seals as core does (AES-GCM, random IV, base64), so the table scan looks at realistic ciphertext. */
final class TestSealer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKey key;

    TestSealer() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            key = generator.generateKey();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SealedSecret seal(String plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array();
            return new SealedSecret("test-key-1", Base64.getEncoder().encodeToString(sealed));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
