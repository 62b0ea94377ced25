package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one instance wrote, a new instance reads back, on PostgreSQL; the second start finds the schema current. */
@RequiresPostgres
final class PostgresRestartTest {

    @Test
    void dataWrittenByOneInstance_isReadBackByTheNext() {
        String schema = TestPostgres.newSchemaName("restart");
        Map<String, String> config = TestPostgres.config(schema).build().toProperties();
        try {
            SampleCatalog written;
            try (CatalogStore first = CatalogProviders.open("jdbc", config, CatalogContext.defaults())) {
                SampleCatalog.write(first);
                written = SampleCatalog.read(first);
            }

            try (CatalogStore second = CatalogProviders.open("jdbc", config, CatalogContext.defaults())) {
                assertThat(SampleCatalog.read(second)).isEqualTo(written);
                assertThat(written.grants()).hasSize(1);
                assertThat(written.usage()).isEqualTo(2_000);
            }
        }
        finally {
            TestPostgres.dropSchema(schema);
        }
    }
}
