package dev.outcrop.catalog.spi.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A few smoke tests; the full contract runs in outcrop-catalog-testkit's own tests. */
final class InMemoryCatalogStoreTest {

    private static LocationRecord location(String id, String name) {
        return new LocationRecord(id, "acme", name, "AMAZON_BEDROCK", null, null, null, "alice",
                Instant.parse("2026-01-01T00:00:00Z"), new SealedSecret("k1", "c2VhbGVk"), 0);
    }

    @Test
    void createLocation_thenFind_returnsVersionOne() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        LocationRecord created = store.createLocation(location("id-1", "bedrock"));
        assertThat(created.version()).isEqualTo(1);
        assertThat(store.findLocation("acme", "bedrock")).contains(created);
    }

    @Test
    void updateLocation_withStaleVersion_failsWithVersionConflict() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        LocationRecord created = store.createLocation(location("id-1", "bedrock"));
        store.updateLocation(created);
        assertThatThrownBy(() -> store.updateLocation(created))
                .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.reason()).isEqualTo(Reason.VERSION_CONFLICT));
        assertThat(store.findLocation("acme", "bedrock")).get().extracting(LocationRecord::version).isEqualTo(2L);
    }

    @Test
    void addUsageWithinLimit_overLimit_refusesAndKeepsTotal() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        LocalDate day = LocalDate.of(2026, 1, 1);
        assertThat(store.addUsageWithinLimit("acme", day, 60, 100)).isEqualTo(OptionalLong.of(60));
        assertThat(store.addUsageWithinLimit("acme", day, 41, 100)).isEmpty();
        assertThat(store.usage("acme", day)).isEqualTo(60);
    }

    @Test
    void changeSequence_movesOnWriteButNotOnFailedWriteOrUsage() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        long before = store.changeSequence().orElseThrow();
        store.createLocation(location("id-1", "bedrock"));
        long afterCreate = store.changeSequence().orElseThrow();
        assertThatThrownBy(() -> store.createLocation(location("id-2", "bedrock"))).isInstanceOf(CatalogException.class);
        store.addUsage("acme", LocalDate.of(2026, 1, 1), 5);
        assertThat(afterCreate).isGreaterThan(before);
        assertThat(store.changeSequence().orElseThrow()).isEqualTo(afterCreate);
    }
}
