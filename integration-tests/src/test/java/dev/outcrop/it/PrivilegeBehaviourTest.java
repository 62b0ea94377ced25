package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ownership, USAGE and MODIFY on locations, the account-level privileges, and account isolation. */
@ExtendWith(BedrockEmulatorExtension.class)
final class PrivilegeBehaviourTest {

    private static final String CALL = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_role')";

    @Test
    void usage_isNeededToCall_andAMissingPrivilegeReadsLikeAMissingLocation(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            stack.run("CREATE USER bob");
            stack.run("CREATE ROLE data_engineer");
            stack.run("GRANT ROLE data_engineer TO USER bob");
            Session bob = stack.sessionOf("bob");

            RuntimeException denied = stack.failure(bob, CALL);
            RuntimeException missing = stack.failure(bob, CALL.replace("'bedrock_role'", "'bedrock_nope'"));
            assertThat(TestStack.codeOf(denied)).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(denied.getMessage().replace("bedrock_role", "X")).isEqualTo(missing.getMessage().replace("bedrock_nope", "X"));
            assertThat(TestStack.run(bob, "SELECT location_name FROM information_schema.locations").rows()).isEmpty();

            stack.run("GRANT USAGE ON LOCATION bedrock_role TO data_engineer");
            assertThat(TestStack.run(bob, CALL).value(0, 0)).isNotNull();
            assertThat(TestStack.run(bob, "SELECT location_name FROM information_schema.locations").rows()).hasSize(1);

            stack.run("REVOKE USAGE ON LOCATION bedrock_role FROM data_engineer");
            assertThat(TestStack.codeOf(stack.failure(bob, CALL))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(emulator.calls("InvokeModel")).hasSize(1);
        }
    }

    @Test
    void modify_isNeededToAlterOrDrop(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            stack.run("CREATE USER carol");
            stack.run("GRANT USAGE ON LOCATION bedrock_role TO carol");
            Session carol = stack.sessionOf("carol");

            assertThat(TestStack.codeOf(stack.failure(carol, "ALTER LOCATION bedrock_role SET DESCRIPTION = 'x'"))).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(TestStack.codeOf(stack.failure(carol, "DROP LOCATION bedrock_role"))).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);

            stack.run("GRANT MODIFY ON LOCATION bedrock_role TO carol");
            TestStack.run(carol, "ALTER LOCATION bedrock_role SET DESCRIPTION = 'carol was here'");
            stack.run("REVOKE MODIFY ON LOCATION bedrock_role FROM carol");
            assertThat(TestStack.codeOf(stack.failure(carol, "DROP LOCATION bedrock_role"))).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(stack.run("SELECT description FROM information_schema.locations").value(0, 0)).isEqualTo("carol was here");
        }
    }

    @Test
    void accountPrivileges_coverCreateAndAnyLocation(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            stack.run("CREATE ROLE data_engineer");
            stack.run("CREATE USER dave");
            stack.run("GRANT ROLE data_engineer TO USER dave");
            Session dave = stack.sessionOf("dave");
            String create = "CREATE LOCATION daves WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_ROLE + "' )";

            assertThat(TestStack.codeOf(stack.failure(dave, create))).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            stack.run("GRANT CREATE LOCATION ON ACCOUNT my_account TO data_engineer");
            TestStack.run(dave, create);
            assertThat(TestStack.run(dave, "SELECT location_owner FROM information_schema.locations").rows())
                    .as("dave owns the location he created and sees only it").singleElement().satisfies(row -> assertThat(row.get(0)).isEqualTo("dave"));

            stack.run("GRANT USAGE ANY LOCATION ON ACCOUNT my_account TO data_engineer");
            assertThat(TestStack.run(dave, CALL).value(0, 0)).isNotNull();
            assertThat(TestStack.codeOf(stack.failure(dave, "DROP LOCATION bedrock_role"))).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            stack.run("GRANT MODIFY ANY LOCATION ON ACCOUNT my_account TO data_engineer");
            TestStack.run(dave, "DROP LOCATION bedrock_role");
        }
    }

    @Test
    void onlyOwnersAndAdminsGrant(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            stack.run("CREATE USER erin");
            stack.run("CREATE USER frank");
            stack.run("GRANT USAGE ON LOCATION bedrock_role TO erin");

            assertThat(TestStack.codeOf(stack.failure(stack.sessionOf("erin"), "GRANT USAGE ON LOCATION bedrock_role TO frank"))).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(TestStack.codeOf(stack.failure(stack.sessionOf("erin"), "CREATE USER mallory"))).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(TestStack.codeOf(stack.failure("GRANT USAGE ON LOCATION bedrock_role TO nobody"))).isEqualTo(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
        }
    }

    @Test
    void anotherAccountsLocations_areInvisibleAndUnusable(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            stack.outcrop.createAccount(new AccountSpec("other_account", "us-east-1", "arn:aws:iam::111122223333:role/outcrop-other_account", 1000L), "root");
            Session other = stack.outcrop.openSession("other_account", "root");

            assertThat(TestStack.run(other, "SELECT * FROM information_schema.locations").rows()).isEmpty();
            assertThat(TestStack.codeOf(stack.failure(other, CALL))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(TestStack.codeOf(stack.failure(other, "DROP LOCATION bedrock_role"))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(TestStack.codeOf(stack.failure(other, "GRANT USAGE ON LOCATION bedrock_role TO root"))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            TestStack.run(other, "CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_ROLE + "' )");
            assertThat(stack.run("SELECT ddl FROM information_schema.locations").value(0, 0).toString()).contains("AWS_ACCESS_KEY_ID");
        }
    }
}
