package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.vertx.config.AuthMode;
import dev.outcrop.vertx.config.ServerConfig;
import dev.outcrop.vertx.tls.TestCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's second door: HTTPS with a throw-away test CA and service-account tokens, beside the plain
 * loopback port that README's curl uses, so that Firebolt's own SDKs (which speak only HTTPS and
 * authenticate) connect unchanged. Creates the service account {@value #SERVICE_ACCOUNT}, acting as the
 * account admin {@value #USER}, with a fresh key.
 */
public final class DemoHttps {

    public static final String SERVICE_ACCOUNT = "demo_sa";
    public static final String USER = "demo_user";
    /** The repository's Firebolt SDK example, which the banner's command runs. */
    public static final String SDK_SCRIPT = "vertx-server/src/test/js/firebolt-sdk/check.mjs";

    /**
     * What a client needs.
     *
     * @param caCertificate the test CA's certificate, for NODE_EXTRA_CA_CERTS
     * @param endpoint host:port of the HTTPS listener
     * @param clientId the demo service account's id
     * @param clientSecret its secret
     * @param account the account it belongs to
     */
    public record Access(Path caCertificate, String endpoint, String clientId, String clientSecret, String account) {
        /** A shell line that runs the repository's SDK example against this server. */
        public String sdkCommand() {
            return "NODE_EXTRA_CA_CERTS=" + caCertificate + " FIREBOLT_API_ENDPOINT=" + endpoint + " FIREBOLT_CLIENT_ID=" + clientId
                    + " FIREBOLT_CLIENT_SECRET=" + clientSecret + " FIREBOLT_ACCOUNT=" + account + " node " + SDK_SCRIPT;
        }

        @Override
        public String toString() {
            return "Access[endpoint=" + endpoint + ", clientId=" + clientId + ", account=" + account + "]";
        }
    }

    private DemoHttps() {
    }

    /**
     * Writes the test CA into a directory removed when the server closes, listens with HTTPS and tokens on
     * {@code port} (0 for any), and creates the demo service account with a new key.
     */
    public static Access start(OutcropServer running, ServerConfig plain, int port) {
        requireNonNull(running, "running is null");
        Path directory;
        try {
            directory = Files.createTempDirectory("outcrop-demo-tls");
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for the demo's test certificates under "
                    + System.getProperty("java.io.tmpdir"), e);
        }
        running.onClose(() -> deleteRecursively(directory));
        TestCertificateAuthority.Issued issued = TestCertificateAuthority.writeTo(directory);
        int actualPort = running.listen(plain.toBuilder().port(port).authMode(AuthMode.SERVICE_ACCOUNTS).tls(issued.server()).build());
        String[] key = createServiceAccount(running.injector().getInstance(Outcrop.class), plain);
        return new Access(issued.caCertificate(), "localhost:" + actualPort, key[0], key[1], plain.account());
    }

    /** In SQL, as an administrator would: the service account, its user made account admin, and a fresh key. */
    private static String[] createServiceAccount(Outcrop outcrop, ServerConfig config) {
        Session admin = outcrop.openSession(config.account(), config.principal());
        QueryResult key = admin.execute("CREATE SERVICE ACCOUNT IF NOT EXISTS " + SERVICE_ACCOUNT + " WITH DESCRIPTION = 'the demo''s SDK access';"
                + "CREATE USER IF NOT EXISTS " + USER + " WITH SERVICE_ACCOUNT = " + SERVICE_ACCOUNT + ";"
                + "GRANT ROLE account_admin TO USER " + USER + ";"
                + "CALL fb_GENERATESERVICEACCOUNTKEY('" + SERVICE_ACCOUNT + "')").toCompletableFuture().join();
        return new String[] {(String) key.value(0, key.columnIndex("service_account_id")), (String) key.value(0, key.columnIndex("secret"))};
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
