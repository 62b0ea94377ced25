package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The one place that discovers {@link CatalogProvider}s (through {@link ServiceLoader}) and opens a store
 * by provider name. Fails fast, naming every provider it found, when the name is unknown or registered
 * twice, so that a deployment with a missing or doubled jar says so at start-up.
 */
public final class CatalogProviders {

    private CatalogProviders() {}

    /**
     * Opens a store with the provider registered under {@code providerName}, looked up with the thread's
     * context class loader (or this class's loader when there is none). The caller closes the store.
     *
     * @throws IllegalArgumentException if no provider has that name
     * @throws IllegalStateException if more than one provider has that name
     */
    public static CatalogStore open(String providerName, Map<String, String> config, CatalogContext context) {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        return find(providerName, defaultClassLoader()).create(Map.copyOf(config), context);
    }

    /** The provider registered under {@code providerName}, with the same failures as {@link #open}. */
    public static CatalogProvider find(String providerName, ClassLoader classLoader) {
        requireNonNull(providerName, "providerName is null");
        requireNonNull(classLoader, "classLoader is null");
        List<CatalogProvider> all = available(classLoader);
        List<CatalogProvider> matching = all.stream().filter(provider -> provider.name().equals(providerName)).toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("No catalog provider is named '" + providerName + "'; providers found: "
                    + describe(all) + ". Fix the name, or put the jar of the provider you want on the class path");
        }
        if (matching.size() > 1) {
            throw new IllegalStateException("The catalog provider name '" + providerName + "' is registered "
                    + matching.size() + " times: " + describe(matching) + " (all providers found: " + describe(all)
                    + "). Remove all but one of these jars from the class path");
        }
        return matching.get(0);
    }

    /** Every provider the class loader can see, ordered by name. */
    public static List<CatalogProvider> available(ClassLoader classLoader) {
        requireNonNull(classLoader, "classLoader is null");
        List<CatalogProvider> found = new ArrayList<>();
        ServiceLoader.load(CatalogProvider.class, classLoader).forEach(found::add);
        found.sort(Comparator.comparing(CatalogProvider::name).thenComparing(provider -> provider.getClass().getName()));
        return List.copyOf(found);
    }

    private static String describe(List<CatalogProvider> providers) {
        if (providers.isEmpty()) {
            return "none";
        }
        return providers.stream()
                .map(provider -> "'" + provider.name() + "' (" + provider.getClass().getName() + ")")
                .collect(Collectors.joining(", "));
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CatalogProviders.class.getClassLoader();
    }
}
