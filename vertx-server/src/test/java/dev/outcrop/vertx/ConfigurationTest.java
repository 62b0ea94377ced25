package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.vertx.config.ServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the server reads its configuration: file keys honoured, environment variables mapped exactly, misspellings refused by name. */
final class ConfigurationTest {

    @Test
    void hostAndPortFromTheFile_areHonoured_andTheCommandLineWins() {
        Map<String, String> file = Map.of("outcrop.server.host", "localhost", "outcrop.server.port", "4000");

        ServerConfig fromFile = Main.serverConfig(file, null, null);
        ServerConfig overridden = Main.serverConfig(file, "127.0.0.1", 5000);

        assertThat(fromFile.host()).isEqualTo("localhost");
        assertThat(fromFile.port()).isEqualTo(4000);
        assertThat(overridden.host()).isEqualTo("127.0.0.1");
        assertThat(overridden.port()).isEqualTo(5000);
    }

    @Test
    void catalogJdbcVariables_mapToTheirDottedKeys() {
        assertThat(Main.fromEnvironment(Map.of(
                "OUTCROP_CATALOG_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "OUTCROP_CATALOG_JDBC_USER", "postgres",
                "OUTCROP_CATALOG_JDBC_POOL_MAX_SIZE", "4",
                "OUTCROP_SERVER_MAX_STATEMENT_BYTES", "2048")))
                .containsOnly(
                        Map.entry("outcrop.catalog.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                        Map.entry("outcrop.catalog.jdbc.user", "postgres"),
                        Map.entry("outcrop.catalog.jdbc.pool.max-size", "4"),
                        Map.entry("outcrop.server.max-statement-bytes", "2048"));
    }

    @Test
    void misspeltServerAndAccountKeys_areRefusedByName() {
        assertThatThrownBy(() -> Main.serverConfig(Map.of("outcrop.server.prot", "4000"), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting outcrop.server.prot")
                .hasMessageContaining("outcrop.server.port");
        assertThatThrownBy(() -> Main.serverConfig(Main.fromEnvironment(Map.of("OUTCROP_ACCOUNT_REGOIN", "eu-west-1")), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting outcrop.account.regoin")
                .hasMessageContaining("outcrop.account.region");
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("outcrop.server.max-statment-bytes", "1")))
                .hasMessageContaining("outcrop.server.max-statment-bytes");
    }

    @Test
    void unauthenticatedService_refusesToListenBeyondLoopback() {
        assertThatThrownBy(() -> OutcropServer.start(ServerConfig.builder().host("0.0.0.0").port(0).build(), new DemoModule()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configured host is '0.0.0.0'")
                .hasMessageContaining("127.0.0.1");
    }
}
