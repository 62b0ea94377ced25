package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.security.SealingKeys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one catalog, with the other server's statement landing in the window between a
 * statement's ownership check and its write. Whatever the interleaving, no location is left owned by
 * a user or role that no longer exists (which the next CREATE USER of that name would inherit).
 * The window is opened deterministically: server A's store runs server B's statement just before
 * A's write.
 */
final class OwnershipAcrossServersTest {

    private static final String ACCOUNT = "my_account";
    private static final String ROLE_LOCATION = " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )";

    /** Runs a statement of server B just before server A's store performs the armed write, once. */
    private static final class Interleaving {
        final Map<String, Runnable> beforeWrite = new ConcurrentHashMap<>();

        CatalogStore around(CatalogStore store) {
            return (CatalogStore) Proxy.newProxyInstance(CatalogStore.class.getClassLoader(), new Class<?>[] {CatalogStore.class}, (proxy, method, args) -> {
                Runnable before = beforeWrite.remove(method.getName());
                if (before != null) {
                    before.run();
                }
                try {
                    return method.invoke(store, args);
                }
                catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }

    private record Servers(InMemoryCatalogStore catalog, Interleaving interleaving, Outcrop a, Outcrop b) implements AutoCloseable {
        static Servers start() {
            InMemoryCatalogStore catalog = new InMemoryCatalogStore();
            Interleaving interleaving = new Interleaving();
            SealingKeys keys = SealingKeys.ephemeral();
            Outcrop a = Outcrop.builder().catalog(interleaving.around(catalog)).sealingKeys(keys).build();
            Outcrop b = Outcrop.builder().catalog(catalog).sealingKeys(keys).build();
            a.createAccount(new AccountSpec(ACCOUNT, "us-east-1", "arn:aws:iam::111122223333:role/trust", 0L), TestStack.ADMIN);
            return new Servers(catalog, interleaving, a, b);
        }

        Session a(String principal) {
            return a.openSession(ACCOUNT, principal);
        }

        Session b(String principal) {
            return b.openSession(ACCOUNT, principal);
        }

        List<List<Object>> locations() {
            return TestStack.run(b(TestStack.ADMIN), "SELECT location_name, location_owner FROM information_schema.locations").rows().stream()
                    .map(row -> row.values()).toList();
        }

        boolean exists(String principal) {
            return catalog.findPrincipal(ACCOUNT, principal).isPresent();
        }

        @Override
        public void close() {
            a.close();
            b.close();
            catalog.close();
        }
    }

    @Test
    void ownerTo_whileTheNewOwnerIsDroppedOnAnotherServer_isUndone() {
        try (Servers servers = Servers.start()) {
            TestStack.run(servers.a(TestStack.ADMIN), "CREATE LOCATION haunt" + ROLE_LOCATION);
            TestStack.run(servers.a(TestStack.ADMIN), "CREATE USER ghost");
            servers.interleaving.beforeWrite.put("updateLocation", () -> TestStack.run(servers.b(TestStack.ADMIN), "DROP USER ghost"));

            RuntimeException e = failure(servers.a(TestStack.ADMIN), "ALTER LOCATION haunt OWNER TO ghost");

            assertThat(TestStack.codeOf(e)).isEqualTo(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
            assertThat(e).hasMessage("cannot make 'ghost' the owner of location 'haunt': it was dropped while the owner was being changed;"
                    + " the location keeps its owner 'admin'");
            assertThat(servers.exists("ghost")).isFalse();
            assertThat(servers.locations()).containsExactly(List.of("haunt", "admin"));
        }
    }

    @Test
    void dropUser_whileAnotherServerGivesItALocation_putsTheUserBackAndSaysSo() {
        try (Servers servers = Servers.start()) {
            TestStack.run(servers.a(TestStack.ADMIN), "CREATE LOCATION haunt" + ROLE_LOCATION);
            TestStack.run(servers.a(TestStack.ADMIN), "CREATE USER ghost");
            TestStack.run(servers.a(TestStack.ADMIN), "GRANT CREATE LOCATION ON ACCOUNT my_account TO ghost");
            servers.interleaving.beforeWrite.put("deletePrincipal",
                    () -> TestStack.run(servers.b(TestStack.ADMIN), "ALTER LOCATION haunt OWNER TO ghost"));

            RuntimeException e = failure(servers.a(TestStack.ADMIN), "DROP USER ghost");

            assertThat(TestStack.codeOf(e)).isEqualTo(OutcropErrorCode.PRINCIPAL_OWNS_OBJECTS);
            assertThat(e).hasMessageStartingWith("cannot drop user 'ghost': it owns location 'haunt', given to it by another statement while it"
                    + " was being dropped, so it has been created again (without its former grants and role memberships). Give it a new owner");
            assertThat(servers.exists("ghost")).isTrue();
            assertThat(servers.locations()).containsExactly(List.of("haunt", "ghost"));
            assertThat(servers.catalog.listGrants(ACCOUNT)).as("the drop took ghost's grants").isEmpty();

            TestStack.run(servers.b(TestStack.ADMIN), "ALTER LOCATION haunt OWNER TO admin");
            TestStack.run(servers.a(TestStack.ADMIN), "DROP USER ghost");
            assertThat(servers.exists("ghost")).isFalse();
        }
    }

    @Test
    void createLocation_whileItsCreatorIsDroppedOnAnotherServer_keepsNoLocation() {
        try (Servers servers = Servers.start()) {
            TestStack.run(servers.a(TestStack.ADMIN), "CREATE USER ghost");
            TestStack.run(servers.a(TestStack.ADMIN), "GRANT CREATE LOCATION ON ACCOUNT my_account TO ghost");
            servers.interleaving.beforeWrite.put("createLocation", () -> TestStack.run(servers.b(TestStack.ADMIN), "DROP USER ghost"));

            RuntimeException e = failure(servers.a("ghost"), "CREATE LOCATION haunt" + ROLE_LOCATION);

            assertThat(TestStack.codeOf(e)).isEqualTo(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
            assertThat(e).hasMessage("location 'haunt' was not created: its creator 'ghost' was dropped while it was being created");
            assertThat(servers.locations()).isEmpty();
            assertThat(servers.exists("ghost")).isFalse();
        }
    }

    private static RuntimeException failure(Session session, String sql) {
        try {
            TestStack.run(session, sql);
        }
        catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the statement to fail: " + sql);
    }
}
