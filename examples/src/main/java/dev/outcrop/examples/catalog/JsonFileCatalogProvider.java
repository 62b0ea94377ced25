package dev.outcrop.examples.catalog;

import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProvider;
import dev.outcrop.catalog.spi.CatalogStore;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Provides {@link JsonFileCatalogStore} under the name {@value #NAME}, found through {@link java.util.ServiceLoader}
 * (see {@code META-INF/services/dev.outcrop.catalog.spi.CatalogProvider} in this module): with this jar on the
 * server's class path, {@code outcrop.catalog.provider=json-file} and {@code outcrop.catalog.path=/var/lib/outcrop/catalog.json}
 * select it.
 *
 * <p>Configuration: {@value #PATH}, the file (default {@code catalog.json} in the host's data directory,
 * {@link CatalogContext#dataDirectory()}). Any other key is refused.
 */
public final class JsonFileCatalogProvider implements CatalogProvider {

    public static final String NAME = "json-file";
    public static final String PATH = "path";

    public JsonFileCatalogProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CatalogStore create(Map<String, String> config, CatalogContext context) {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        Set<String> unknown = new HashSet<>(config.keySet());
        unknown.remove(PATH);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("The '" + NAME + "' catalog takes only '" + PATH + "', but was also given "
                    + new TreeSet<>(unknown) + "; remove these settings");
        }
        String path = config.get(PATH);
        Path file = path == null || path.isBlank() ? context.dataDirectory().resolve("catalog.json") : Path.of(path.trim());
        return JsonFileCatalogStore.open(file);
    }
}
