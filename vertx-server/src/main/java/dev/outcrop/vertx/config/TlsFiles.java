package dev.outcrop.vertx.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The server's TLS identity as PEM files.
 *
 * @param certificate the server's certificate (it may already hold the chain after it)
 * @param key the certificate's private key (PKCS#8 or PKCS#1), unencrypted
 * @param caChain certificates sent after the server's own, up to (not necessarily including) the root; or null
 */
public record TlsFiles(Path certificate, Path key, Path caChain) {
    public TlsFiles {
        requireNonNull(certificate, "certificate is null");
        requireNonNull(key, "key is null");
    }
}
