package dev.outcrop.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One trust principal per account unless the deployment allows sharing, as the rule itself and through Outcrop.createAccount. */
final class TrustPrincipalsTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/outcrop-shared";
    private static final TrustSettings SHARING_ALLOWED = new TrustSettings(true, false);

    private static InMemoryCatalogStore catalogWith(String account, String trustPolicyRole) {
        InMemoryCatalogStore catalog = new InMemoryCatalogStore();
        catalog.createAccount(new AccountRecord(account, "us-east-1", trustPolicyRole, 1_000L, Instant.EPOCH, 1));
        return catalog;
    }

    @Test
    void anotherAccountsPrincipal_isRefused_namingTheAccountAndTheSetting() {
        try (InMemoryCatalogStore catalog = catalogWith("first", ROLE)) {
            assertThatThrownBy(() -> TrustPrincipals.refuseShared(TrustSettings.defaults(), catalog, "second", ROLE))
                    .isInstanceOfSatisfying(OutcropException.class, e -> assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.TRUST_PRINCIPAL_SHARED.toErrorCode()))
                    .hasMessageContaining("'second'").hasMessageContaining("'first'").hasMessageContaining("allowSharedTrustPrincipals");
        }
    }

    @Test
    void theAccountsOwnPrincipal_orAnUnusedOne_orSharingAllowed_passes() {
        try (InMemoryCatalogStore catalog = catalogWith("first", ROLE)) {
            TrustPrincipals.refuseShared(TrustSettings.defaults(), catalog, "first", ROLE);
            TrustPrincipals.refuseShared(TrustSettings.defaults(), catalog, "second", ROLE + "-second");
            TrustPrincipals.refuseShared(SHARING_ALLOWED, catalog, "second", ROLE);
        }
    }

    @Test
    void createAccount_appliesTheRule() {
        try (InMemoryCatalogStore catalog = catalogWith("first", ROLE);
                Outcrop outcrop = Outcrop.builder().catalog(catalog).sealingKeys(SealingKeys.ephemeral())
                        .statementParser(sql -> { throw new UnsupportedOperationException(); }).build()) {
            assertThatThrownBy(() -> outcrop.createAccount(AccountSpec.of("second", "us-east-1", ROLE), "admin"))
                    .isInstanceOfSatisfying(OutcropException.class, e -> assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.TRUST_PRINCIPAL_SHARED.toErrorCode()));
            assertThat(catalog.findAccount("second")).as("nothing made").isEmpty();
        }
    }
}
