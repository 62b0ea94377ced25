package dev.outcrop.catalog.testkit;

import static dev.outcrop.catalog.testkit.CatalogFixtures.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service-account part of the {@link CatalogStore} contract, kept apart from
 * {@link CatalogStoreContractTest} because stores written before service accounts existed may leave
 * those methods at their refusing defaults. A store that holds service accounts extends this class too.
 */
public abstract class ServiceAccountContractTest {

    protected static final String ACCOUNT = "acme";
    protected static final String OTHER_ACCOUNT = "globex";

    protected CatalogStore store;

    /** Creates an empty store that no other test uses. */
    protected abstract CatalogStore createStore();

    protected void destroyStore(CatalogStore storeUnderTest) {
        storeUnderTest.close();
    }

    @BeforeEach
    public final void createStoreUnderTest() {
        store = createStore();
    }

    @AfterEach
    public final void destroyStoreUnderTest() {
        if (store != null) {
            destroyStore(store);
        }
    }

    protected static ServiceAccountRecord serviceAccount(String id, String account, String name) {
        return new ServiceAccountRecord(id, account, name, "for dashboards", null, null, null, CREATED, 1);
    }

    @Test
    public void deletingAnAccount_deletesItsServiceAccounts_byNameAndById() {
        store.createAccount(CatalogFixtures.account(ACCOUNT));
        store.createAccount(CatalogFixtures.account(OTHER_ACCOUNT));
        store.createServiceAccount(serviceAccount("sa-gone", ACCOUNT, "reporter"));
        ServiceAccountRecord kept = store.createServiceAccount(serviceAccount("sa-kept", OTHER_ACCOUNT, "reporter"));

        store.deleteAccount(ACCOUNT);

        assertThat(store.findServiceAccount(ACCOUNT, "reporter")).isEmpty();
        assertThat(store.findServiceAccountById("sa-gone")).isEmpty();
        assertThat(store.listServiceAccounts(ACCOUNT)).isEmpty();
        assertThat(store.findServiceAccountById("sa-kept")).contains(kept);
    }

    @Test
    public void aCreatedServiceAccountIsFoundByNameAndById() {
        ServiceAccountRecord created = store.createServiceAccount(serviceAccount("sa-id-1", ACCOUNT, "reporter"));

        assertThat(created.version()).isEqualTo(1);
        assertThat(store.findServiceAccount(ACCOUNT, "reporter")).contains(created);
        assertThat(store.findServiceAccountById("sa-id-1")).contains(created);
        assertThat(store.findServiceAccount(OTHER_ACCOUNT, "reporter")).isEmpty();
        assertThat(store.findServiceAccountById("sa-id-2")).isEmpty();
    }

    @Test
    public void namesAreUniquePerAccountAndIdsAcrossTheStore() {
        store.createServiceAccount(serviceAccount("sa-id-1", ACCOUNT, "reporter"));

        assertReason(() -> store.createServiceAccount(serviceAccount("sa-id-2", ACCOUNT, "reporter")), Reason.ALREADY_EXISTS);
        assertReason(() -> store.createServiceAccount(serviceAccount("sa-id-1", OTHER_ACCOUNT, "loader")), Reason.ALREADY_EXISTS);
        store.createServiceAccount(serviceAccount("sa-id-3", OTHER_ACCOUNT, "reporter"));
        assertThat(store.listServiceAccounts(OTHER_ACCOUNT)).extracting(ServiceAccountRecord::id).containsExactly("sa-id-3");
    }

    @Test
    public void listsAreOrderedByNameAndKeptPerAccount() {
        store.createServiceAccount(serviceAccount("id-b", ACCOUNT, "b_loader"));
        store.createServiceAccount(serviceAccount("id-a", ACCOUNT, "a_reporter"));
        store.createServiceAccount(serviceAccount("id-c", OTHER_ACCOUNT, "c_other"));

        assertThat(store.listServiceAccounts(ACCOUNT)).extracting(ServiceAccountRecord::name).containsExactly("a_reporter", "b_loader");
        assertThat(store.listServiceAccounts("nobody")).isEmpty();
    }

    @Test
    public void anUpdateStoresTheKeyAndTheUserAndMovesTheVersion() {
        ServiceAccountRecord created = store.createServiceAccount(serviceAccount("sa-id-1", ACCOUNT, "reporter"));

        ServiceAccountRecord updated = store.updateServiceAccount(created.withUser("report_user").withKey("key-1", "pbkdf2$hash"));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(store.findServiceAccountById("sa-id-1")).contains(updated);
        assertThat(updated.userName()).isEqualTo("report_user");
        assertThat(updated.keyId()).isEqualTo("key-1");
        assertThat(updated.secretHash()).isEqualTo("pbkdf2$hash");
        ServiceAccountRecord withoutKey = store.updateServiceAccount(updated.withKey(null, null));
        assertThat(store.findServiceAccount(ACCOUNT, "reporter")).contains(withoutKey);
        assertThat(withoutKey.keyId()).isNull();
    }

    @Test
    public void anUpdateFromAnOldVersionOrOfAnAbsentOneIsRefused() {
        ServiceAccountRecord created = store.createServiceAccount(serviceAccount("sa-id-1", ACCOUNT, "reporter"));
        store.updateServiceAccount(created.withKey("key-1", "hash-1"));

        assertReason(() -> store.updateServiceAccount(created.withKey("key-2", "hash-2")), Reason.VERSION_CONFLICT);
        assertReason(() -> store.updateServiceAccount(serviceAccount("sa-id-9", ACCOUNT, "nobody")), Reason.NOT_FOUND);
        assertThat(store.findServiceAccount(ACCOUNT, "reporter").orElseThrow().keyId()).isEqualTo("key-1");
    }

    @Test
    public void anUpdateOfOneDroppedAndCreatedAgainIsRefused() {
        ServiceAccountRecord first = store.createServiceAccount(serviceAccount("sa-id-1", ACCOUNT, "reporter"));
        store.deleteServiceAccount(ACCOUNT, "reporter");
        store.createServiceAccount(serviceAccount("sa-id-2", ACCOUNT, "reporter"));

        assertReason(() -> store.updateServiceAccount(first.withKey("key-1", "hash-1")), Reason.VERSION_CONFLICT);
    }

    @Test
    public void aDeletedServiceAccountIsGoneByNameAndById() {
        store.createServiceAccount(serviceAccount("sa-id-1", ACCOUNT, "reporter"));

        store.deleteServiceAccount(ACCOUNT, "reporter");

        assertThat(store.findServiceAccount(ACCOUNT, "reporter")).isEmpty();
        assertThat(store.findServiceAccountById("sa-id-1")).isEmpty();
        assertReason(() -> store.deleteServiceAccount(ACCOUNT, "reporter"), Reason.NOT_FOUND);
    }

    @Test
    public void writesMoveTheChangeSequence() {
        var before = store.changeSequence();
        store.createServiceAccount(serviceAccount("sa-id-1", ACCOUNT, "reporter"));
        var after = store.changeSequence();

        if (before.isPresent()) {
            assertThat(after.getAsLong()).isGreaterThan(before.getAsLong());
        }
    }

    @Test
    public void ofManyConcurrentKeyUpdatesFromOneVersionExactlyOneWins() {
        ServiceAccountRecord created = store.createServiceAccount(serviceAccount("sa-id-1", ACCOUNT, "reporter"));
        AtomicInteger wins = new AtomicInteger();
        Race.run(4, racer -> {
            try {
                store.updateServiceAccount(created.withKey("key-" + racer, "hash-" + racer));
                wins.incrementAndGet();
            }
            catch (CatalogException e) {
                assertThat(e.reason()).isEqualTo(Reason.VERSION_CONFLICT);
            }
            return null;
        });
        assertThat(wins).hasValue(1);
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOf(CatalogException.class).extracting(e -> ((CatalogException) e).reason()).isEqualTo(reason);
    }
}
