package dev.outcrop.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.testkit.CatalogFixtures;
import dev.outcrop.catalog.testkit.CatalogStoreContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The JSON-file store meets the whole catalog contract (every test of the kit, none disabled), and, what the
 * kit cannot see, keeps everything across a reopen of its file.
 */
final class JsonFileCatalogStoreContractTest extends CatalogStoreContractTest {

    private Path directory;

    @Override
    protected CatalogStore createStore() {
        try {
            directory = Files.createTempDirectory("json-catalog-test");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonFileCatalogStore.open(directory.resolve("catalog.json"));
    }

    @Override
    protected void destroyStore(CatalogStore storeUnderTest) {
        storeUnderTest.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file() {
        return ((JsonFileCatalogStore) store).file();
    }

    @Test
    void reopeningTheFile_findsEveryWriteAndTheChangeSequence() {
        store.createAccount(CatalogFixtures.account(ACCOUNT));
        LocationRecord location = store.createLocation(CatalogFixtures.fullLocation(ACCOUNT, "o'brien ☃"));
        store.createPrincipal(CatalogFixtures.user(ACCOUNT, "bob"));
        GrantRecord grant = CatalogFixtures.usageOnLocation(ACCOUNT, "o'brien ☃", "bob");
        store.addGrant(grant);
        store.addUsage(ACCOUNT, DAY, 42);
        OptionalLong sequence = store.changeSequence();
        store.close();

        store = JsonFileCatalogStore.open(file());

        assertThat(store.findAccount(ACCOUNT)).contains(CatalogFixtures.account(ACCOUNT));
        assertThat(store.findLocation(ACCOUNT, "o'brien ☃")).contains(location);
        assertThat(store.listGrants(ACCOUNT)).containsExactly(grant);
        assertThat(store.usage(ACCOUNT, DAY)).isEqualTo(42);
        assertThat(store.changeSequence()).isEqualTo(sequence);
    }

    @Test
    void aFileWrittenBeforeSealingKeysAndServiceAccounts_opens() throws IOException {
        store.close();
        Files.writeString(file(), "{\"format\":1,\"changeSequence\":3,\"accounts\":[],\"locations\":[],\"principals\":[],"
                + "\"roleMemberships\":[],\"grants\":[],\"usage\":[]}");

        store = JsonFileCatalogStore.open(file());

        assertThat(store.changeSequence()).hasValue(3);
        assertThat(store.listSealingKeys()).isEmpty();
    }

    @Test
    void aSecondStoreOnTheSameFile_isRefusedWhileTheFirstIsOpen() {
        assertThatThrownBy(() -> JsonFileCatalogStore.open(file()))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(CatalogException.Reason.UNAVAILABLE))
                .hasMessageContaining("open in another store");
    }

    @Test
    void aWriteThatCannotBeSaved_failsAsUnavailableAndChangesNothing() throws IOException {
        store.createAccount(CatalogFixtures.account(ACCOUNT));
        // A directory where the temporary file must go makes the next save fail.
        Files.createDirectory(file().resolveSibling("catalog.json.tmp"));

        assertFailsWith(CatalogException.Reason.UNAVAILABLE, () -> store.createLocation(CatalogFixtures.location(ACCOUNT, "bedrock")));
        assertThat(store.listLocations(ACCOUNT)).isEmpty();
        assertThat(store.findAccount(ACCOUNT)).isPresent();
    }

    @Test
    void theProvider_isFoundByNameThroughServiceLoader_andRefusesUnknownSettings() {
        Path other = directory.resolve("by-provider.json");
        try (CatalogStore opened = CatalogProviders.open("json-file", Map.of("path", other.toString()), CatalogContext.defaults())) {
            opened.createAccount(CatalogFixtures.account(ACCOUNT));
        }
        assertThat(other).exists().content().contains("\"accountName\" : \"acme\"");

        assertThatThrownBy(() -> CatalogProviders.open("json-file", Map.of("path", other.toString(), "pathh", "x"), CatalogContext.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pathh");
    }
}
