package dev.outcrop.catalog.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import dev.outcrop.catalog.spi.memory.CatalogSnapshot;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A restored snapshot is the same store: the same records at the same versions, usage, keys and change sequence. */
final class InMemorySnapshotTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    @Test
    void restoringASnapshot_givesTheSameContents_andOptimisticWritesCarryOn() {
        try (InMemoryCatalogStore original = new InMemoryCatalogStore()) {
            original.createAccount(CatalogFixtures.account("acme"));
            LocationRecord created = original.createLocation(CatalogFixtures.location("acme", "bedrock"));
            LocationRecord updated = original.updateLocation(CatalogFixtures.withDescription(created, "second version"));
            original.createPrincipal(CatalogFixtures.user("acme", "bob"));
            original.createPrincipal(CatalogFixtures.role("acme", "analyst"));
            original.addRoleMembership(new RoleMembership("acme", "analyst", "bob"));
            original.addGrant(CatalogFixtures.usageOnLocation("acme", "bedrock", "analyst"));
            original.addUsage("acme", DAY, 42);
            original.registerSealingKey(new SealingKeyRecord("k1", "hmac-sha256-v1:abc", CatalogFixtures.CREATED));
            original.createServiceAccount(new ServiceAccountRecord("sa-1", "acme", "reporter", "for dashboards", null, null, null,
                    CatalogFixtures.CREATED, 1));
            CatalogSnapshot snapshot = original.snapshot();

            InMemoryCatalogStore restored = InMemoryCatalogStore.restore(snapshot);

            assertThat(restored.snapshot()).isEqualTo(snapshot);
            assertThat(restored.changeSequence()).isEqualTo(original.changeSequence());
            assertThat(restored.findLocation("acme", "bedrock")).contains(updated);
            assertThat(restored.findServiceAccountById("sa-1")).isPresent();
            assertThat(restored.usage("acme", DAY)).isEqualTo(42);
            assertThat(restored.updateLocation(CatalogFixtures.withDescription(updated, "third")).version())
                    .as("the version carried over, so a write against it succeeds").isEqualTo(3);
        }
    }

    @Test
    void listsMissingFromASavedCopy_areEmpty() {
        CatalogSnapshot old = new CatalogSnapshot(7, null, null, null, null, null, null, null, null);

        InMemoryCatalogStore restored = InMemoryCatalogStore.restore(old);

        assertThat(restored.snapshot().accounts()).isEmpty();
        assertThat(restored.listSealingKeys()).isEmpty();
        assertThat(restored.changeSequence()).hasValue(7);
    }
}
