package dev.outcrop.core.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.security.ResealProgress;
import dev.outcrop.core.security.SealingKeys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The re-seal against a store where other statements write at the worst moments. */
final class ResealerTest {

    private static final byte[] OLD = filled(1);
    private static final byte[] NEW = filled(2);
    private static final SealingKeys BEFORE = SealingKeys.of("k1", OLD);
    private static final SealingKeys AFTER = keys("k2", NEW, "k1", OLD);

    private final InMemoryCatalogStore store = new InMemoryCatalogStore();
    private final CredentialSealer oldSealer = new CredentialSealer(BEFORE);
    private final CredentialSealer newSealer = new CredentialSealer(AFTER);

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }

    private static SealingKeys keys(String primary, byte[] primaryKey, String other, byte[] otherKey) {
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        return SealingKeys.parse(primary + ":" + base64.encodeToString(primaryKey) + "," + other + ":" + base64.encodeToString(otherKey));
    }

    private LocationRecord create(String name, CredentialSealer sealer, LocationCredentials credentials) {
        String id = "id-" + name;
        return store.createLocation(new LocationRecord(id, "acct", name, "AMAZON_BEDROCK", null, null, null, "admin", Instant.EPOCH,
                sealer.seal("acct", id, credentials), 1));
    }

    @Test
    void concurrentAlter_wins_andTheRunCountsTheLocationAsCurrent() {
        store.createAccount(new AccountRecord("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", 0, Instant.EPOCH, 1));
        create("raced", oldSealer, AccessKeyCredentials.of("AKIAOLDEXAMPLE", "old-secret"));
        AccessKeyCredentials altered = AccessKeyCredentials.of("AKIANEWEXAMPLE", "new-secret");
        AtomicBoolean alterDone = new AtomicBoolean();
        // Just before the run's first write, another server's ALTER … SET CREDENTIALS commits (sealed with its primary, k2).
        CatalogStore racing = (CatalogStore) Proxy.newProxyInstance(CatalogStore.class.getClassLoader(), new Class<?>[] {CatalogStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("updateLocation") && alterDone.compareAndSet(false, true)) {
                        LocationRecord current = store.findLocation("acct", "raced").orElseThrow();
                        SealedSecret sealed = newSealer.seal("acct", current.id(), altered);
                        store.updateLocation(new LocationRecord(current.id(), "acct", "raced", current.source(), null, null, null,
                                current.owner(), current.created(), sealed, current.version()));
                    }
                    try {
                        return method.invoke(store, args);
                    }
                    catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        ResealProgress done = new Resealer(racing, newSealer, "k2").run(progress -> { });

        LocationRecord stored = store.findLocation("acct", "raced").orElseThrow();
        assertThat(newSealer.unseal("acct", stored.id(), stored.credentials())).as("the ALTER's credentials stand").isEqualTo(altered);
        assertThat(done.resealed()).isZero();
        assertThat(done.alreadyCurrent()).isEqualTo(1);
        assertThat(done.complete()).isTrue();
    }

    @Test
    void unreadableLocation_isReportedAndKept_theOthersAreResealed_andARerunFinishesNothingMore() {
        store.createAccount(new AccountRecord("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", 0, Instant.EPOCH, 1));
        create("fine", oldSealer, AccessKeyCredentials.of("AKIAFINEEXAMPLE", "fine-secret"));
        CredentialSealer stranger = new CredentialSealer(SealingKeys.of("k9", filled(9)));
        LocationRecord foreign = create("foreign", stranger, AccessKeyCredentials.of("AKIAFOREIGNEXAMPLE", "foreign-secret"));

        ResealProgress first = new Resealer(store, newSealer, "k2").run(progress -> { });
        ResealProgress second = new Resealer(store, newSealer, "k2").run(progress -> { });

        assertThat(first.resealed()).isEqualTo(1);
        assertThat(first.unreadable()).containsExactly("acct.foreign (key 'k9')");
        assertThat(first.complete()).isFalse();
        assertThat(first.summary()).contains("1 locations are still sealed with other keys");
        assertThat(store.findLocation("acct", "foreign")).contains(foreign);
        assertThat(store.findLocation("acct", "fine").orElseThrow().credentials().keyId()).isEqualTo("k2");
        assertThat(second.resealed()).isZero();
        assertThat(second.alreadyCurrent()).isEqualTo(1);
    }
}
