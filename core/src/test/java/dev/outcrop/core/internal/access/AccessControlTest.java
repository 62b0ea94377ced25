package dev.outcrop.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.PrincipalRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.catalog.spi.SealedSecret;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.security.BuiltInRoles;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class AccessControlTest {

    private static final String ACCOUNT = "acct";
    private static final Instant NOW = Instant.parse("2026-03-14T00:00:00Z");

    private static InMemoryCatalogStore store() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        for (String user : new String[] {"owner", "member", "modifier", "any_modifier", "user", "admin"}) {
            store.createPrincipal(new PrincipalRecord(ACCOUNT, user, PrincipalRecord.Kind.USER, NOW));
        }
        store.createPrincipal(new PrincipalRecord(ACCOUNT, "keepers", PrincipalRecord.Kind.ROLE, NOW));
        store.createPrincipal(new PrincipalRecord(ACCOUNT, BuiltInRoles.ACCOUNT_ADMIN, PrincipalRecord.Kind.ROLE, NOW));
        store.addRoleMembership(new RoleMembership(ACCOUNT, "keepers", "member"));
        store.addRoleMembership(new RoleMembership(ACCOUNT, BuiltInRoles.ACCOUNT_ADMIN, "admin"));
        store.addGrant(new GrantRecord(ACCOUNT, "MODIFY", "LOCATION", "loc", "modifier"));
        store.addGrant(new GrantRecord(ACCOUNT, "MODIFY ANY LOCATION", "ACCOUNT", ACCOUNT, "any_modifier"));
        store.addGrant(new GrantRecord(ACCOUNT, "USAGE", "LOCATION", "loc", "user"));
        return store;
    }

    private static LocationRecord ownedBy(String owner) {
        return new LocationRecord("id-1", ACCOUNT, "loc", "AMAZON_BEDROCK", null, null, null, owner, NOW, new SealedSecret("k", "x"), 1);
    }

    @Test
    void canTransferOwnership_onlyTheOwnerAMemberOfTheOwningRoleOrAnAdmin() {
        try (InMemoryCatalogStore store = store()) {
            assertThat(AccessControl.of(store, ACCOUNT, "owner").canTransferOwnership(ownedBy("owner"))).isTrue();
            assertThat(AccessControl.of(store, ACCOUNT, "member").canTransferOwnership(ownedBy("keepers"))).isTrue();
            assertThat(AccessControl.of(store, ACCOUNT, "admin").canTransferOwnership(ownedBy("owner"))).isTrue();

            for (String other : new String[] {"modifier", "any_modifier", "user", "member"}) {
                AccessControl access = AccessControl.of(store, ACCOUNT, other);
                assertThat(access.canTransferOwnership(ownedBy("owner"))).as(other).isFalse();
            }
            assertThat(AccessControl.of(store, ACCOUNT, "modifier").canModify(ownedBy("owner"))).as("MODIFY still alters and drops").isTrue();
            assertThat(AccessControl.of(store, ACCOUNT, "any_modifier").canModify(ownedBy("owner"))).isTrue();
        }
    }
}
