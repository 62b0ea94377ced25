package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one instance wrote, a new instance reads back: on the embedded H2 default (files in the data directory). */
final class RestartTest {

    @Test
    void embeddedH2_dataWrittenByOneInstance_isReadBackByTheNext(@TempDir Path dataDirectory) {
        CatalogContext context = new CatalogContext() {
            @Override
            public Path dataDirectory() {
                return dataDirectory;
            }
        };
        SampleCatalog written;
        try (CatalogStore first = CatalogProviders.open("jdbc", Map.of(), context)) {
            SampleCatalog.write(first);
            written = SampleCatalog.read(first);
        }

        assertThat(dataDirectory.resolve("catalog").resolve("outcrop-catalog.mv.db")).exists();
        try (CatalogStore second = CatalogProviders.open("jdbc", Map.of(), context)) {
            assertThat(SampleCatalog.read(second)).isEqualTo(written);
            assertThat(written.locations()).hasSize(2);
            assertThat(written.usage()).isEqualTo(2_000);
        }
    }

    @Test
    void embeddedH2_directoryIsCreatedBelowTheDataDirectory(@TempDir Path parent) {
        Path dataDirectory = parent.resolve("not").resolve("there").resolve("yet");
        CatalogContext context = new CatalogContext() {
            @Override
            public Path dataDirectory() {
                return dataDirectory;
            }
        };

        try (CatalogStore store = CatalogProviders.open("jdbc", Map.of(), context)) {
            assertThat(store.listAccounts()).isEmpty();
        }

        assertThat(Files.isDirectory(dataDirectory.resolve("catalog"))).isTrue();
    }
}
