package dev.outcrop.catalog.jdbc;

import static dev.outcrop.catalog.testkit.CatalogFixtures.account;
import static dev.outcrop.catalog.testkit.CatalogFixtures.fullLocation;
import static dev.outcrop.catalog.testkit.CatalogFixtures.location;
import static dev.outcrop.catalog.testkit.CatalogFixtures.role;
import static dev.outcrop.catalog.testkit.CatalogFixtures.usageOnLocation;
import static dev.outcrop.catalog.testkit.CatalogFixtures.user;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import java.time.LocalDate;
import java.util.List;

/** One of everything the catalog keeps, written through a store and read back whole, to compare across restarts. */
record SampleCatalog(List<AccountRecord> accounts, List<LocationRecord> locations, List<PrincipalRecord> principals,
        List<RoleMembership> memberships, List<GrantRecord> grants, long usage) {

    static final String ACCOUNT = "acme";
    static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    static void write(CatalogStore store) {
        AccountRecord account = store.createAccount(account(ACCOUNT));
        store.updateAccount(account.withLlmTokenBudget(50_000));
        store.createLocation(fullLocation(ACCOUNT, "raw_files"));
        LocationRecord bedrock = store.createLocation(location(ACCOUNT, "bedrock"));
        store.renameLocation(bedrock, "bedrock_prod");
        store.createPrincipal(user(ACCOUNT, "bob"));
        store.createPrincipal(role(ACCOUNT, "analysts"));
        store.addRoleMembership(new RoleMembership(ACCOUNT, "analysts", "bob"));
        store.addGrant(usageOnLocation(ACCOUNT, "bedrock_prod", "analysts"));
        store.addUsage(ACCOUNT, DAY, 1_234);
        store.addUsageWithinLimit(ACCOUNT, DAY, 766, 50_000);
    }

    static SampleCatalog read(CatalogStore store) {
        return new SampleCatalog(store.listAccounts(), store.listLocations(ACCOUNT), store.listPrincipals(ACCOUNT),
                store.listRoleMemberships(ACCOUNT), store.listGrants(ACCOUNT), store.usage(ACCOUNT, DAY));
    }
}
