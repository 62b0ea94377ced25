package dev.outcrop.vertx.tls;

import dev.outcrop.vertx.config.TlsFiles;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The HTTP server's options: plain HTTP without TLS files, HTTPS only with them. */
public final class TlsSetup {

    private TlsSetup() {
    }

    public static HttpServerOptions serverOptions(TlsFiles tls) {
        HttpServerOptions options = new HttpServerOptions();
        if (tls == null) {
            return options;
        }
        // The chain goes after the server's certificate in one PEM, which is what TLS sends.
        Buffer certificates = Buffer.buffer(read(tls.certificate(), "certificate"));
        if (tls.caChain() != null) {
            String chain = read(tls.caChain(), "CA chain");
            certificates.appendString(certificates.toString().endsWith("\n") ? chain : "\n" + chain);
        }
        return options.setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertValue(certificates).setKeyValue(Buffer.buffer(read(tls.key(), "private key"))));
    }

    private static String read(Path file, String what) {
        try {
            String pem = Files.readString(file);
            if (!pem.contains("-----BEGIN ")) {
                throw new IllegalArgumentException("the TLS " + what + " file " + file + " holds no PEM block (-----BEGIN ...-----): "
                        + "give a PEM file, e.g. convert DER with openssl x509 -inform der -in cert.der -out cert.pem");
            }
            return pem;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }
}
