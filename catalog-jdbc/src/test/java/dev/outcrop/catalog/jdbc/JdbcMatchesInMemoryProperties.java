package dev.outcrop.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential test: random sequences of operations, on small sets of names so that they collide, give
 * the same results (or the same failure reasons) and leave the same catalog on the JDBC store as on the
 * in-memory reference store.
 */
final class JdbcMatchesInMemoryProperties {

    private static final List<String> ACCOUNTS = List.of("acme", "globex");
    private static final List<String> NAMES = List.of("a", "b", "c");
    private static final List<String> PRINCIPALS = List.of("bob", "ann", "r1");
    private static final List<String> IDS = List.of("id0", "id1", "id2", "id3");
    private static final Instant CREATED = Instant.parse("2026-03-14T15:09:26.535Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    /** One operation, applied to a store, returning what it returned or the failure's reason. */
    record Op(String label, Function<CatalogStore, Object> action) {
        Object applyTo(CatalogStore store) {
            try {
                return action.apply(store);
            }
            catch (CatalogException e) {
                return "failed:" + e.reason();
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @Property(tries = 60)
    void jdbcStore_behavesLikeTheReferenceStore(@ForAll("operations") List<Op> operations) throws SQLException {
        String url = "jdbc:h2:mem:diff_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        try (CatalogStore reference = new InMemoryCatalogStore();
                CatalogStore jdbc = JdbcCatalogProvider.open(JdbcCatalogConfig.builder().url(url).poolMaxSize(2)
                        .cacheMaxStaleness(Duration.ZERO).build(), CatalogContext.defaults())) {
            List<Object> expected = new ArrayList<>();
            List<Object> actual = new ArrayList<>();
            for (Op op : operations) {
                expected.add(op.applyTo(reference));
                actual.add(op.applyTo(jdbc));
                assertThat(actual).as("results after %s", op).isEqualTo(expected);
            }
            assertThat(snapshot(jdbc)).isEqualTo(snapshot(reference));
        }
        finally {
            try (Connection connection = DriverManager.getConnection(url)) {
                connection.createStatement().execute("SHUTDOWN");
            }
        }
    }

    private static List<Object> snapshot(CatalogStore store) {
        List<Object> all = new ArrayList<>(store.listAccounts());
        for (String account : ACCOUNTS) {
            all.addAll(store.listLocations(account));
            all.addAll(store.listPrincipals(account));
            all.addAll(store.listRoleMemberships(account));
            all.addAll(store.listGrants(account));
            all.add(store.usage(account, DAY));
        }
        return all;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Arbitraries.oneOf(List.of(
                accountOps(), locationWrites(), locationAsReadWrites(), principalOps(), grantOps(), usageOps()))
                .list().ofMinSize(10).ofMaxSize(60);
    }

    /** Mostly one account, so that operations meet; sometimes the other, to check accounts stay apart. */
    private static Arbitrary<String> accounts() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(9, ACCOUNTS.get(0)), net.jqwik.api.Tuple.of(1, ACCOUNTS.get(1)));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    private static Arbitrary<Long> versions() {
        return Arbitraries.longs().between(1, 3);
    }

    private static LocationRecord location(String id, String account, String name, String description, long version) {
        return new LocationRecord(id, account, name, "AMAZON_BEDROCK", null, description, null, "owner", CREATED,
                new SealedSecret("k", "sealed-" + description), version);
    }

    private static Arbitrary<Op> accountOps() {
        Arbitrary<Op> create = Combinators.combine(accounts(), Arbitraries.longs().between(0, 100))
                .as((account, budget) -> new Op("createAccount " + account,
                        store -> store.createAccount(new AccountRecord(account, "us-east-1", "arn:role", budget, CREATED, 1))));
        Arbitrary<Op> update = Combinators.combine(accounts(), Arbitraries.longs().between(0, 100), versions())
                .as((account, budget, version) -> new Op("updateAccount " + account + "@" + version,
                        store -> store.updateAccount(new AccountRecord(account, "eu-west-1", "arn:role", budget, CREATED, version))));
        return Arbitraries.oneOf(List.of(create, update));
    }

    private static Arbitrary<Op> locationWrites() {
        Arbitrary<Op> create = Combinators.combine(Arbitraries.of(IDS), accounts(), names())
                .as((id, account, name) -> new Op("createLocation " + id + " " + account + "." + name,
                        store -> store.createLocation(location(id, account, name, "v-" + id, 1))));
        Arbitrary<Op> update = Combinators.combine(Arbitraries.of(IDS), accounts(), names(), versions())
                .as((id, account, name, version) -> new Op("updateLocation " + id + " " + account + "." + name + "@" + version,
                        store -> store.updateLocation(location(id, account, name, "u-" + version, version))));
        Arbitrary<Op> rename = Combinators.combine(accounts(), names(), names(), versions())
                .as((account, name, newName, version) -> new Op("renameLocation " + account + "." + name + "->" + newName + "@" + version,
                        store -> store.renameLocation(account, name, newName, version)));
        Arbitrary<Op> delete = Combinators.combine(accounts(), names(), versions())
                .as((account, name, version) -> new Op("deleteLocation " + account + "." + name + "@" + version,
                        store -> {
                            store.deleteLocation(account, name, version);
                            return "deleted";
                        }));
        return Arbitraries.oneOf(List.of(create, update, rename, delete));
    }

    private static Arbitrary<Op> locationAsReadWrites() {
        Arbitrary<Op> rename = Combinators.combine(Arbitraries.of(IDS), accounts(), names(), names(), versions())
                .as((id, account, name, newName, version) -> new Op("renameAsRead " + id + " " + account + "." + name + "->" + newName,
                        store -> store.renameLocation(location(id, account, name, "x", version), newName)));
        Arbitrary<Op> delete = Combinators.combine(Arbitraries.of(IDS), accounts(), names(), versions())
                .as((id, account, name, version) -> new Op("deleteAsRead " + id + " " + account + "." + name + "@" + version,
                        store -> {
                            store.deleteLocation(location(id, account, name, "x", version));
                            return "deleted";
                        }));
        return Arbitraries.oneOf(List.of(rename, delete));
    }

    private static Arbitrary<Op> principalOps() {
        Arbitrary<Op> create = Combinators.combine(accounts(), Arbitraries.of(PRINCIPALS), Arbitraries.of(PrincipalRecord.Kind.class))
                .as((account, name, kind) -> new Op("createPrincipal " + account + "." + name,
                        store -> store.createPrincipal(new PrincipalRecord(account, name, kind, CREATED))));
        Arbitrary<Op> delete = Combinators.combine(accounts(), Arbitraries.of(PRINCIPALS))
                .as((account, name) -> new Op("deletePrincipal " + account + "." + name, store -> {
                    store.deletePrincipal(account, name);
                    return "deleted";
                }));
        Arbitrary<Op> membership = Combinators.combine(accounts(), Arbitraries.of(PRINCIPALS), Arbitraries.of(PRINCIPALS),
                Arbitraries.of(true, false))
                .as((account, role, member, add) -> new Op((add ? "add" : "remove") + "Membership " + role + "<-" + member, store -> {
                    RoleMembership m = new RoleMembership(account, role, member);
                    if (add) {
                        store.addRoleMembership(m);
                    }
                    else {
                        store.removeRoleMembership(m);
                    }
                    return "ok";
                }));
        return Arbitraries.oneOf(List.of(create, delete, membership));
    }

    private static Arbitrary<Op> grantOps() {
        return Combinators.combine(accounts(), Arbitraries.of("USAGE", "MODIFY"), Arbitraries.of("LOCATION", "ACCOUNT"), names(),
                Arbitraries.of(PRINCIPALS), Arbitraries.of(true, false))
                .as((account, privilege, type, object, grantee, add) -> new Op(
                        (add ? "grant " : "revoke ") + privilege + " " + type + " " + object + " " + grantee, store -> {
                            GrantRecord grant = new GrantRecord(account, privilege, type, object, grantee);
                            if (add) {
                                store.addGrant(grant);
                            }
                            else {
                                store.removeGrant(grant);
                            }
                            return "ok";
                        }));
    }

    private static Arbitrary<Op> usageOps() {
        Arbitrary<Op> add = Combinators.combine(accounts(), Arbitraries.longs().between(-50, 500))
                .as((account, tokens) -> new Op("addUsage " + account + " " + tokens, store -> store.addUsage(account, DAY, tokens)));
        Arbitrary<Op> within = Combinators.combine(accounts(), Arbitraries.longs().between(0, 500), Arbitraries.longs().between(0, 1000))
                .as((account, tokens, limit) -> new Op("addUsageWithinLimit " + account + " " + tokens + "/" + limit,
                        store -> store.addUsageWithinLimit(account, DAY, tokens, limit)));
        return Arbitraries.oneOf(List.of(add, within));
    }
}
