package dev.outcrop.examples.catalog;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.examples.OfflineStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A catalog store of your own: {@link JsonFileCatalogStore} keeps accounts, locations, grants and token
 * usage in one JSON file. {@link JsonFileCatalogProvider} is registered in
 * {@code META-INF/services/dev.outcrop.catalog.spi.CatalogProvider}, so {@link CatalogProviders#open} finds it
 * by its name {@value JsonFileCatalogProvider#NAME}, as the server does for {@code outcrop.catalog.provider}.
 * {@code JsonFileCatalogStoreContractTest} runs the catalog test kit against it.
 *
 * <p>The example creates the location {@code kept} and asks a model through it, closes everything, then opens
 * the file again in a new Outcrop (a restart) and uses the location it finds there. The sealing keys must outlive the
 * restart, or the stored credentials could not be unsealed: here one key for the whole run.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.outcrop.examples.catalog.CustomCatalog}
 * (add {@code -Dexec.args=/path/to/catalog.json} to keep the file; by default a temporary one is used).
 */
public final class CustomCatalog {

    private static final String QUESTION = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0',"
            + " $${\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"%s\"}]}]}$$, '%s')";

    private CustomCatalog() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("outcrop-catalog").resolve("catalog.json");
        SealingKeys keys = SealingKeys.ephemeral();   // for real: SealingKeys.parse(System.getenv("OUTCROP_SEALING_KEYS"))
        System.out.println("catalog file: " + file);

        try (OfflineStack stack = OfflineStack.start(open(file), keys, UnaryOperator.identity())) {
            stack.admin().execute("CREATE LOCATION IF NOT EXISTS kept WITH SOURCE = AMAZON_BEDROCK"
                    + " CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' ) DESCRIPTION = 'created before the restart'")
                    .toCompletableFuture().join();
            QueryResult answer = stack.admin().execute(QUESTION.formatted("Hello before the restart", "kept")).toCompletableFuture().join();
            System.out.println("first run: " + answer.value(0, 0));
        }
        System.out.println("the file holds " + lines(file) + " lines of JSON; the credentials in it are sealed");

        try (OfflineStack stack = OfflineStack.start(open(file), keys, UnaryOperator.identity())) {
            QueryResult kept = stack.admin().execute("SELECT location_name, description FROM information_schema.locations WHERE location_name = 'kept'")
                    .toCompletableFuture().join();
            System.out.println("after the restart: location " + kept.value(0, 0) + ", " + kept.value(0, 1));
            QueryResult answer = stack.admin().execute(QUESTION.formatted("Hello after the restart", "kept")).toCompletableFuture().join();
            System.out.println("second run: " + answer.value(0, 0));
        }
    }

    /** The store as a server opens it: by provider name, through ServiceLoader. */
    private static CatalogStore open(Path file) {
        return CatalogProviders.open(JsonFileCatalogProvider.NAME, Map.of(JsonFileCatalogProvider.PATH, file.toString()), CatalogContext.defaults());
    }

    private static long lines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
