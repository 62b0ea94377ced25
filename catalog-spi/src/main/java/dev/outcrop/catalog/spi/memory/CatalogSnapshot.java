package dev.outcrop.catalog.spi.memory;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealingKeyRecord;
import dev.outcrop.catalog.spi.ServiceAccountRecord;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything an {@link InMemoryCatalogStore} holds, records with their versions and the change sequence included, so
 * that {@link InMemoryCatalogStore#restore} gives back a store that answers and accepts writes as the original did.
 * For a store that keeps the in-memory one's contents somewhere (the examples' {@code JsonFileCatalogStore} writes them
 * to a file). {@link InMemoryCatalogStore#snapshot()} sorts each list by account and name, so that saved copies diff well.
 *
 * <p>A list given as null is empty: a copy saved before a kind of record existed has no such list.
 */
public record CatalogSnapshot(long changeSequence, List<AccountRecord> accounts, List<LocationRecord> locations,
                              List<PrincipalRecord> principals, List<RoleMembership> roleMemberships, List<GrantRecord> grants,
                              List<Usage> usage, List<SealingKeyRecord> sealingKeys, List<ServiceAccountRecord> serviceAccounts) {

    /** Tokens charged to an account on a UTC day. */
    public record Usage(String accountName, LocalDate day, long tokens) {
    }

    public CatalogSnapshot {
        accounts = copy(accounts);
        locations = copy(locations);
        principals = copy(principals);
        roleMemberships = copy(roleMemberships);
        grants = copy(grants);
        usage = copy(usage);
        sealingKeys = copy(sealingKeys);
        serviceAccounts = copy(serviceAccounts);
    }

    /** An empty catalog. */
    public static CatalogSnapshot empty() {
        return new CatalogSnapshot(0, null, null, null, null, null, null, null, null);
    }

    private static <T> List<T> copy(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
