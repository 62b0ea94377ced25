package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.vertx.config.AuthMode;
import dev.outcrop.vertx.config.ServerConfig;
import dev.outcrop.vertx.tls.TestCertificateAuthority;
import dev.outcrop.vertx.tls.TlsSetup;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files named in the configuration, as an operator sets it up; a client that trusts the CA verifies the server. */
final class TlsFromPemTest {

    @TempDir
    Path directory;

    @Test
    void theServerSpeaksHttpsWithTheConfiguredCertificate_andChainFileIsSentAfterIt() throws Exception {
        TestCertificateAuthority.Issued issued = TestCertificateAuthority.writeTo(directory);
        // The CA's own certificate as the "chain": what an operator with an intermediate would configure.
        ServerConfig config = ServerConfig.fromProperties(Map.of(
                "outcrop.server.port", "0",
                "outcrop.server.tls-certificate", issued.server().certificate().toString(),
                "outcrop.server.tls-key", issued.server().key().toString(),
                "outcrop.server.tls-ca-chain", issued.caCertificate().toString(),
                "outcrop.server.auth", "service-accounts"));
        assertThat(config.authMode()).isEqualTo(AuthMode.SERVICE_ACCOUNTS);

        try (OutcropServer server = OutcropServer.start(config, new DemoModule())) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(issued.caCertificate())).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
            assertThat(health.sslSession().orElseThrow().getPeerCertificates()).hasSize(2);

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    @Test
    void halfATlsConfigurationOrAnUnknownAuthModeIsRefusedByName() {
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("outcrop.server.tls-certificate", "server.pem")))
                .hasMessageContaining("outcrop.server.tls-certificate").hasMessageContaining("outcrop.server.tls-key");
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("outcrop.server.auth", "tokens")))
                .hasMessageContaining("none or service-accounts").hasMessageContaining("'tokens'");
    }

    @Test
    void aFileWithoutPemIsNamed() throws Exception {
        Path notPem = Files.writeString(directory.resolve("server.der"), "binary");
        ServerConfig config = ServerConfig.fromProperties(Map.of("outcrop.server.port", "0",
                "outcrop.server.tls-certificate", notPem.toString(), "outcrop.server.tls-key", notPem.toString()));
        assertThatThrownBy(() -> TlsSetup.serverOptions(config.tls())).hasMessageContaining(notPem.toString()).hasMessageContaining("PEM");
    }

    private static SSLContext trusting(Path caCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            trust.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
