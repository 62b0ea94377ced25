package dev.outcrop.catalog.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CatalogProvidersTest {

    /** A second provider claiming the name "memory", as a doubled or clashing jar would. */
    public static final class ClashingMemoryProvider implements CatalogProvider {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public CatalogStore create(Map<String, String> config, CatalogContext context) {
            return new InMemoryCatalogStore();
        }
    }

    @Test
    void open_memory_returnsAWorkingEmptyStore() {
        try (CatalogStore store = CatalogProviders.open("memory", Map.of(), CatalogContext.defaults())) {
            assertThat(store).isInstanceOf(InMemoryCatalogStore.class);
            assertThat(store.listAccounts()).isEmpty();
        }
    }

    @Test
    void open_unknownName_failsNamingEveryProviderFound() {
        assertThatThrownBy(() -> CatalogProviders.open("postgres", Map.of(), CatalogContext.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'postgres'")
                .hasMessageContaining("'memory' (dev.outcrop.catalog.spi.memory.InMemoryCatalogProvider)");
    }

    @Test
    void find_nameRegisteredTwice_failsNamingBothClasses(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + CatalogProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, ClashingMemoryProvider.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> CatalogProviders.find("memory", loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("registered 2 times")
                    .hasMessageContaining(ClashingMemoryProvider.class.getName())
                    .hasMessageContaining("dev.outcrop.catalog.spi.memory.InMemoryCatalogProvider");
        }
    }

    @Test
    void open_memoryWithConfiguration_refusesNamingTheKeys() {
        assertThatThrownBy(() -> CatalogProviders.open("memory", Map.of("jdbc.url", "x"), CatalogContext.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[jdbc.url]");
    }
}
