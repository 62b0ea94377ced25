package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.RecordedCall;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.result.QueryResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CREATE, ALTER and DROP LOCATION as behaviours.md specifies them, through SQL text. */
@ExtendWith(BedrockEmulatorExtension.class)
final class LocationDdlBehaviourTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";

    @Test
    void quotedSource_isAccepted(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION quoted WITH SOURCE = 'AMAZON_BEDROCK' CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' )");

            assertThat(stack.run("SELECT source FROM information_schema.locations WHERE location_name = 'quoted'").value(0, 0)).isEqualTo("AMAZON_BEDROCK");
        }
    }

    @Test
    void storageLocation_isStoredButRefusedByAiFunctions(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION s3_data WITH SOURCE = AMAZON_S3 CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' ) URL = 's3://bucket/data/'");

            QueryResult row = stack.run("SELECT source, url FROM information_schema.locations WHERE location_name = 's3_data'");
            assertThat(row.rows().get(0).values()).containsExactly("AMAZON_S3", "s3://bucket/data/");
            assertThatThrownBy(() -> stack.run("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 's3_data')"))
                    .hasMessageContaining("SOURCE = AMAZON_BEDROCK")
                    .hasMessageContaining("'s3_data'")
                    .hasMessageContaining("AMAZON_S3");
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void mixedCredentialShapes_areRefusedNamingTheKey(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            RuntimeException e = stack.failure("CREATE LOCATION mixed WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ("
                    + " AWS_ROLE_ARN = '" + ROLE + "' AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE' )");

            assertThat(e).isInstanceOf(SqlSyntaxException.class).hasMessageContaining("AWS_ACCESS_KEY_ID").hasMessageNotContaining("AKIAIOSFODNN7EXAMPLE");
        }
    }

    @Test
    void malformedRoleArn_showsTheExpectedForm(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            RuntimeException e = stack.failure("CREATE LOCATION bad_arn WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::1234:user/x' )");

            assertThat(e).hasMessageContaining("arn:<partition>:iam::<12-digit account id>:role/<role name>");
        }
    }

    @Test
    void duplicateName_isAnErrorAndIfNotExistsLeavesTheOriginal(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION dup WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' ) DESCRIPTION = 'first'");

            RuntimeException e = stack.failure("CREATE LOCATION dup WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' )");
            assertThat(TestStack.codeOf(e)).isEqualTo(OutcropErrorCode.LOCATION_ALREADY_EXISTS);
            assertThat(e).hasMessageContaining("'dup'").hasMessageContaining("IF NOT EXISTS");

            stack.run("CREATE LOCATION IF NOT EXISTS dup WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' ) DESCRIPTION = 'second'");
            assertThat(stack.run("SELECT description FROM information_schema.locations WHERE location_name = 'dup'").value(0, 0)).isEqualTo("first");
        }
    }

    @Test
    void creator_becomesOwner_andCreatedIsNow(BedrockEmulator emulator) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:15:30Z"));
        try (TestStack stack = TestStack.start(emulator, 1000, clock)) {
            stack.run("CREATE LOCATION owned WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' )");

            QueryResult row = stack.run("SELECT location_owner, created FROM information_schema.locations");
            assertThat(row.rows().get(0).values()).containsExactly("admin", Instant.parse("2026-03-01T10:15:30Z"));
        }
    }

    @Test
    void unquotedNames_areCaseInsensitive_quotedOnesKeepTheirCase(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION MixedCase WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' )");
            stack.run("CREATE LOCATION \"Quoted\" WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' )");

            List<Object> names = stack.run("SELECT location_name FROM information_schema.locations").rows().stream().map(r -> r.get(0)).toList();
            assertThat(names).containsExactlyInAnyOrder("mixedcase", "Quoted");
            stack.run("ALTER LOCATION MIXEDCASE SET DESCRIPTION = 'found'");
            assertThat(TestStack.codeOf(stack.failure("DROP LOCATION quoted"))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
        }
    }

    @Test
    void rename_movesTheLocation_andRefusesATakenName(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            stack.createKeyLocation("taken");

            assertThat(TestStack.codeOf(stack.failure("ALTER LOCATION bedrock_keys RENAME TO taken"))).isEqualTo(OutcropErrorCode.LOCATION_ALREADY_EXISTS);
            stack.run("ALTER LOCATION bedrock_keys RENAME TO bedrock_keys_old");

            assertThat(stack.run("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_keys_old')").value(0, 0)).isNotNull();
            assertThat(TestStack.codeOf(stack.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_keys')")))
                    .isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
        }
    }

    @Test
    void setCredentials_takesEffectOnTheVeryNextCall(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("switching");
            String query = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'switching', TRUE)";
            stack.run(query);

            stack.run("ALTER LOCATION switching SET CREDENTIALS = ( AWS_ACCESS_KEY_ID = '" + EmulatorConfig.RESTRICTED_ACCESS_KEY_ID
                    + "' AWS_SECRET_ACCESS_KEY = '" + EmulatorConfig.RESTRICTED_SECRET_ACCESS_KEY + "' )");
            assertThat(stack.run(query).value(0, 0)).as("the restricted identity may invoke nothing").isNull();

            stack.run("ALTER LOCATION IF EXISTS switching SET CREDENTIALS TO ( AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE
                    + "' AWS_ROLE_EXTERNAL_ID = '<external_id>' )");
            assertThat(stack.run(query).value(0, 0)).isNotNull();

            List<RecordedCall> invokes = emulator.calls("InvokeModel");
            assertThat(invokes).hasSize(3);
            assertThat(invokes.get(0).accessKeyId()).isEqualTo(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID);
            assertThat(invokes.get(1).accessKeyId()).isEqualTo(EmulatorConfig.RESTRICTED_ACCESS_KEY_ID);
            assertThat(invokes.get(1).errorType()).isEqualTo("AccessDeniedException");
            assertThat(invokes.get(2).accessKeyId()).startsWith("ASIA");
        }
    }

    @Test
    void setCredentialsOnARole_assumesTheNewRoleOnTheNextCall(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION role_switch WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' )");
            String query = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'role_switch')";
            stack.run(query);
            stack.run(query);
            assertThat(emulator.calls("AssumeRole")).extracting(c -> c.parameters().get("RoleArn")).containsExactly(EmulatorConfig.TRUST_DEMO_ROLE, ROLE);

            stack.run("ALTER LOCATION role_switch SET CREDENTIALS = ( AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE
                    + "' AWS_ROLE_EXTERNAL_ID = '<external_id>' )");
            stack.run(query);

            assertThat(emulator.calls("AssumeRole")).extracting(c -> c.parameters().get("RoleArn"))
                    .containsExactly(EmulatorConfig.TRUST_DEMO_ROLE, ROLE, EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE);
        }
    }

    @Test
    void setUrlAndDescription_andOwnerTo(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION s3 WITH SOURCE = AMAZON_S3 CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' ) URL = 's3://a/'");
            stack.run("ALTER LOCATION s3 SET URL = 's3://b/'");
            stack.run("ALTER LOCATION s3 SET DESCRIPTION = 'moved'");
            stack.run("CREATE USER analyst");
            stack.run("ALTER LOCATION s3 OWNER TO analyst");

            QueryResult row = stack.run("SELECT url, description, location_owner FROM information_schema.locations WHERE location_name = 's3'");
            assertThat(row.rows().get(0).values()).containsExactly("s3://b/", "moved", "analyst");
            stack.createKeyLocation("bedrock_keys");
            assertThat(stack.failure("ALTER LOCATION bedrock_keys SET URL = 's3://x/'")).hasMessageContaining("has no URL");
        }
    }

    @Test
    void missingLocation_isAnErrorWithoutIfExists(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            assertThat(TestStack.codeOf(stack.failure("ALTER LOCATION ghost RENAME TO spirit"))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(TestStack.codeOf(stack.failure("DROP LOCATION ghost"))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(stack.run("ALTER LOCATION IF EXISTS ghost RENAME TO spirit").statusMessage()).contains("nothing done");
            assertThat(stack.run("DROP LOCATION IF EXISTS ghost").statusMessage()).contains("nothing done");
        }
    }

    @Test
    void drop_makesCallsFailAsForAnUnknownLocation(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_temp_creds");
            String query = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_temp_creds')";
            stack.run(query);
            String unknown = stack.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'never_was')").getMessage();

            stack.run("DROP LOCATION bedrock_temp_creds WITH FORCE");

            RuntimeException e = stack.failure(query);
            assertThat(TestStack.codeOf(e)).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(e.getMessage().replace("bedrock_temp_creds", "X")).isEqualTo(unknown.replace("never_was", "X"));
        }
    }
}
