package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.type.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** information_schema.locations, .accounts and .quotas. */
@ExtendWith(BedrockEmulatorExtension.class)
final class InformationSchemaBehaviourTest {

    @Test
    void locations_hasTheDocumentedColumnsInOrder(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            QueryResult result = stack.run("SELECT * FROM information_schema.locations");

            assertThat(result.columns()).extracting(Column::name)
                    .containsExactly("location_name", "source", "url", "description", "location_owner", "created", "ddl");
            assertThat(result.columns().get(5).type()).isEqualTo(ScalarType.TIMESTAMPTZ);
            assertThat(result.value(0, 1)).isEqualTo("AMAZON_BEDROCK");
            assertThat(result.value(0, 2)).as("url of a Bedrock location").isNull();
        }
    }

    @Test
    void ddl_masksEveryCredentialValue(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("""
                    CREATE LOCATION bedrock_temp_creds WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (
                      AWS_ACCESS_KEY_ID = 'ASIAEXAMPLEKEYID0001' AWS_SECRET_ACCESS_KEY = 'secret/Value+1' AWS_SESSION_TOKEN = 'token-value-2' )
                      DESCRIPTION = 'temporary'
                    """);
            stack.run("""
                    CREATE LOCATION bedrock_role_external_id WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (
                      AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' AWS_ROLE_EXTERNAL_ID = 'external-id-3' )
                    """);

            QueryResult result = stack.run("SELECT location_name, ddl FROM information_schema.locations");

            String all = result.rows().toString();
            for (String secret : new String[] {"ASIAEXAMPLEKEYID0001", "secret/Value+1", "token-value-2", "123456789012", "BedrockAccess", "external-id-3"}) {
                assertThat(all).doesNotContain(secret);
            }
            assertThat(result.rows()).extracting(row -> row.get(1)).containsExactlyInAnyOrder(
                    "CREATE LOCATION bedrock_temp_creds WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '****'"
                            + " AWS_SECRET_ACCESS_KEY = '****' AWS_SESSION_TOKEN = '****' ) DESCRIPTION = 'temporary'",
                    "CREATE LOCATION bedrock_role_external_id WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '****'"
                            + " AWS_ROLE_EXTERNAL_ID = '****' )");
        }
    }

    @Test
    void ddl_quotesNamesThatNeedIt_soThatItParsesBack(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION \"select\" WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )");
            stack.run("CREATE LOCATION \"Mixed Case\" WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )");

            QueryResult result = stack.run("SELECT ddl FROM information_schema.locations");

            assertThat(result.rows()).extracting(row -> (String) row.get(0))
                    .anyMatch(ddl -> ddl.startsWith("CREATE LOCATION \"select\" WITH"))
                    .anyMatch(ddl -> ddl.startsWith("CREATE LOCATION \"Mixed Case\" WITH"));
        }
    }

    @Test
    void accounts_resolveWithAndWithoutOrgDb_andShowTheTrustPrincipal(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            QueryResult prefixed = stack.run("SELECT trust_policy_role FROM org_db.information_schema.accounts WHERE account_name = 'my_account'");
            QueryResult plain = stack.run("SELECT account_name, region, trust_policy_role, created FROM information_schema.accounts");

            assertThat(prefixed.rows()).hasSize(1);
            assertThat(prefixed.value(0, 0)).isEqualTo(EmulatorConfig.TRUST_DEMO_ROLE);
            assertThat(plain.rows().get(0).values()).startsWith("my_account", "us-east-1", EmulatorConfig.TRUST_DEMO_ROLE);
            assertThat(stack.run("SELECT account_name FROM information_schema.accounts WHERE account_name = 'other'").rows()).isEmpty();
        }
    }

    @Test
    void quotas_haveOneLlmTokenBudgetRow_withAndWithoutAccountDb(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("ALTER ACCOUNT my_account SET (LLM_TOKEN_BUDGET = 10000)");

            QueryResult result = stack.run("SELECT * FROM account_db.information_schema.quotas");

            assertThat(result.columns()).extracting(Column::name).containsExactly("name", "units", "limit", "usage");
            assertThat(result.rows()).hasSize(1);
            assertThat(result.rows().get(0).values()).containsExactly("LLM_TOKEN_BUDGET", "tokens", 10000L, 0L);
            assertThat(stack.run("SELECT * FROM information_schema.quotas").rows()).isEqualTo(result.rows());
        }
    }

    @Test
    void unknownView_namesTheKnownOnes(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            assertThat(stack.failure("SELECT * FROM information_schema.tables"))
                    .hasMessageContaining("information_schema.tables")
                    .hasMessageContaining("information_schema.locations");
        }
    }
}
