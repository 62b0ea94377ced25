package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.RoleDefinition;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.security.TrustSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The confused deputy, against the emulator's STS, which evaluates trust policies as IAM does: accounts of
 * one deployment get their own trust principals from a template, so that a customer's role that trusts
 * account acme's principal cannot be used from account globex, whether or not it demands an external ID
 * and even when globex knows that external ID. Sharing a principal is refused unless the deployment opts in.
 */
final class TrustPrincipalPerAccountTest {

    private static final String TEMPLATE = "arn:aws:iam::111122223333:role/outcrop-{account}";
    private static final String ACME_TRUST = "arn:aws:iam::111122223333:role/outcrop-acme";
    private static final String GLOBEX_TRUST = "arn:aws:iam::111122223333:role/outcrop-globex";
    private static final String ACME_ROLE = "arn:aws:iam::123456789012:role/AcmeBedrock";
    private static final String ACME_ROLE_WITH_EXTERNAL_ID = "arn:aws:iam::123456789012:role/AcmeBedrockWithExternalId";
    private static final String CALL = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", '%s')";

    private final InMemoryCatalogStore catalog = new InMemoryCatalogStore();
    private final SealingKeys keys = SealingKeys.ephemeral();
    private String acmeExternalId;
    private BedrockEmulator emulator;
    private BedrockModelRuntime runtime;
    private StsRoleAssumer sts;

    @BeforeEach
    void accountsThenTheCustomersRoles() {
        // The accounts first: acme's customer writes acme's generated external ID into the role's trust policy.
        try (Outcrop setup = Outcrop.builder().catalog(catalog).sealingKeys(keys).build()) {
            setup.createAccount(AccountSpec.fromTemplate("acme", "us-east-1", TEMPLATE, 1_000_000L), "admin");
            setup.createAccount(AccountSpec.fromTemplate("globex", "us-east-1", TEMPLATE, 1_000_000L), "admin");
        }
        acmeExternalId = catalog.findAccount("acme").orElseThrow().externalId();
        emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0)
                .addRole(new RoleDefinition(ACME_TRUST, List.of(EmulatorConfig.DEPLOYMENT_PRINCIPAL), null, List.of()))
                .addRole(new RoleDefinition(GLOBEX_TRUST, List.of(EmulatorConfig.DEPLOYMENT_PRINCIPAL), null, List.of()))
                .addRole(new RoleDefinition(ACME_ROLE, List.of(ACME_TRUST), null, List.of("*")))
                .addRole(new RoleDefinition(ACME_ROLE_WITH_EXTERNAL_ID, List.of(ACME_TRUST), acmeExternalId, List.of("*")))
                .build());
        BedrockClientConfig config = BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).maxAttempts(1)
                .apiCallTimeout(Duration.ofSeconds(20)).apiCallAttemptTimeout(Duration.ofSeconds(20)).build();
        runtime = BedrockModelRuntime.create(config);
        sts = StsRoleAssumer.create(config);
    }

    @AfterEach
    void stop() {
        runtime.close();
        sts.close();
        emulator.close();
    }

    private Outcrop server(TrustSettings trust) {
        return Outcrop.builder().catalog(catalog).sealingKeys(keys).modelRuntime(runtime).roleAssumer(sts)
                .deploymentCredentials(TestStack.deploymentCredentials()).trustSettings(trust).build();
    }

    private static void createRoleLocations(Session session, String externalId) {
        TestStack.run(session, "CREATE LOCATION plain WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ACME_ROLE + "' )");
        TestStack.run(session, "CREATE LOCATION guarded WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '"
                + ACME_ROLE_WITH_EXTERNAL_ID + "' AWS_ROLE_EXTERNAL_ID = '" + externalId + "' )");
    }

    private static OutcropErrorCode failureOf(Session session, String sql) {
        try {
            TestStack.run(session, sql);
        }
        catch (RuntimeException e) {
            return TestStack.codeOf(e);
        }
        return null;
    }

    @Test
    void eachAccountHasItsOwnTrustPrincipalAndExternalId_andCannotUseTheOthersRoles_withOrWithoutExternalId() {
        try (Outcrop server = server(TrustSettings.defaults())) {
            Session acme = server.openSession("acme", "admin");
            Session globex = server.openSession("globex", "admin");
            var acmeAccount = TestStack.run(acme, "SELECT trust_policy_role, external_id FROM information_schema.accounts");
            var globexAccount = TestStack.run(globex, "SELECT trust_policy_role, external_id FROM information_schema.accounts");
            assertThat(acmeAccount.value(0, 0)).isEqualTo(ACME_TRUST);
            assertThat(globexAccount.value(0, 0)).isEqualTo(GLOBEX_TRUST);
            assertThat(acmeAccount.value(0, 1)).isEqualTo(acmeExternalId).asString().matches("outcrop-[0-9a-f]{32}");
            assertThat(globexAccount.value(0, 1)).isNotEqualTo(acmeExternalId);

            createRoleLocations(acme, acmeExternalId);
            // globex knows the ARNs and, at worst, acme's external ID.
            createRoleLocations(globex, acmeExternalId);

            assertThat(String.valueOf(TestStack.run(acme, CALL.formatted("plain")).value(0, 0))).contains("output");
            assertThat(String.valueOf(TestStack.run(acme, CALL.formatted("guarded")).value(0, 0))).contains("output");
            assertThat(failureOf(globex, CALL.formatted("plain"))).isEqualTo(OutcropErrorCode.ROLE_ASSUMPTION_FAILED);
            assertThat(failureOf(globex, CALL.formatted("guarded"))).isEqualTo(OutcropErrorCode.ROLE_ASSUMPTION_FAILED);
            assertThat(emulator.calls("AssumeRole")).as("globex's server asked as globex's trust principal, which acme's roles do not trust")
                    .anyMatch(call -> call.status() == 403);
        }
    }

    @Test
    void sharingATrustPrincipal_isRefused_unlessTheDeploymentOptsIn_andThenOnlyTheExternalIdStillGuards() {
        try (Outcrop server = server(TrustSettings.defaults())) {
            assertThatThrownBy(() -> server.createAccount(new AccountSpec("initech", "us-east-1", ACME_TRUST, 1_000_000L), "admin"))
                    .isInstanceOfSatisfying(OutcropException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(OutcropErrorCode.TRUST_PRINCIPAL_SHARED.toErrorCode()))
                    .hasMessageContaining("'acme'").hasMessageContaining("allow-shared-trust-principals");
            assertThat(catalog.findAccount("initech")).as("nothing was created").isEmpty();
        }
        try (Outcrop sharing = server(new TrustSettings(true, false))) {
            sharing.createAccount(new AccountSpec("initech", "us-east-1", ACME_TRUST, 1_000_000L), "admin");
            Session initech = sharing.openSession("initech", "admin");
            createRoleLocations(initech, catalog.findAccount("initech").orElseThrow().externalId());

            assertThat(failureOf(initech, CALL.formatted("plain"))).as("the hazard the operator accepted: a role without an external ID")
                    .isNull();
            assertThat(failureOf(initech, CALL.formatted("guarded"))).as("acme's external ID still keeps initech out")
                    .isEqualTo(OutcropErrorCode.ROLE_ASSUMPTION_FAILED);
        }
    }

    @Test
    void deploymentPolicy_refusesRoleLocationsWithoutAnExternalId() {
        try (Outcrop strict = server(new TrustSettings(false, true))) {
            Session acme = strict.openSession("acme", "admin");

            assertThat(failureOf(acme, "CREATE LOCATION plain WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ACME_ROLE + "' )"))
                    .isEqualTo(OutcropErrorCode.INVALID_CREDENTIALS_SPEC);
            TestStack.run(acme, "CREATE LOCATION guarded WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '"
                    + ACME_ROLE_WITH_EXTERNAL_ID + "' AWS_ROLE_EXTERNAL_ID = '" + acmeExternalId + "' )");
            assertThat(failureOf(acme, "ALTER LOCATION guarded SET CREDENTIALS = ( AWS_ROLE_ARN = '" + ACME_ROLE + "' )"))
                    .isEqualTo(OutcropErrorCode.INVALID_CREDENTIALS_SPEC);
            assertThat(String.valueOf(TestStack.run(acme, CALL.formatted("guarded")).value(0, 0))).contains("output");
        }
    }
}
