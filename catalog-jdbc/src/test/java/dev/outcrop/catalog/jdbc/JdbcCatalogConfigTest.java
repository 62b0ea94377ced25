package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.jdbc.internal.JdbcUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JdbcCatalogConfigTest {

    @Test
    void defaults_areEmbeddedH2WithACachedOneSecondBound() {
        JdbcCatalogConfig config = JdbcCatalogConfig.fromProperties(Map.of());

        assertThat(config.url()).isNull();
        assertThat(config.user()).isNull();
        assertThat(config.password()).isNull();
        assertThat(config.schema()).isNull();
        assertThat(config.poolMaxSize()).isEqualTo(10);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.cacheMaxStaleness()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fromProperties_mapsEveryKey() {
        JdbcCatalogConfig config = JdbcCatalogConfig.fromProperties(Map.of(
                "jdbc.url", "jdbc:postgresql://db:5432/outcrop",
                "jdbc.user", "outcrop",
                "jdbc.password", "s3cret",
                "jdbc.schema", "catalog",
                "jdbc.pool.max-size", "20",
                "jdbc.connect-timeout-ms", "1500",
                "jdbc.query-timeout-seconds", "12",
                "cache.max-staleness-ms", "0"));

        assertThat(config.url()).isEqualTo("jdbc:postgresql://db:5432/outcrop");
        assertThat(config.user()).isEqualTo("outcrop");
        assertThat(config.password()).isEqualTo("s3cret");
        assertThat(config.schema()).isEqualTo("catalog");
        assertThat(config.poolMaxSize()).isEqualTo(20);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(config.cacheMaxStaleness()).isZero();
        assertThat(JdbcCatalogConfig.fromProperties(config.toProperties()).toProperties()).isEqualTo(config.toProperties());
    }

    @Test
    void fromProperties_unknownKey_isRefusedNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> JdbcCatalogConfig.fromProperties(Map.of("jdbc.uri", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[jdbc.uri]")
                .hasMessageContaining("jdbc.url");
    }

    @Test
    void fromProperties_badNumber_namesTheSetting() {
        assertThatThrownBy(() -> JdbcCatalogConfig.fromProperties(Map.of("jdbc.pool.max-size", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc.pool.max-size")
                .hasMessageContaining("'ten'");
    }

    @Test
    void toString_neverShowsThePassword() {
        JdbcCatalogConfig config = JdbcCatalogConfig.builder()
                .url("jdbc:postgresql://db:5432/outcrop?user=x&password=inurl")
                .password("s3cret")
                .build();

        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("inurl").contains("password=****");
    }

    @Test
    void provider_declaresThePasswordSensitive() {
        assertThat(new JdbcCatalogProvider().sensitivePropertyNames()).containsExactly("jdbc.password");
    }

    @Test
    void embeddedUrl_isBelowTheDataDirectory() {
        assertThat(JdbcUrls.embeddedH2(Path.of("/data/outcrop")))
                .startsWith("jdbc:h2:file:/data/outcrop/catalog/outcrop-catalog");
    }
}
