package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may transfer a location's ownership (issue "Security: ownership ..."): the escalation fails
 * cleanly, the legitimate paths work.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class OwnershipBehaviourTest {

    private static final String CALL = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_role')";

    private static String ownerOf(TestStack stack, String location) {
        return (String) stack.run("SELECT location_owner FROM information_schema.locations WHERE location_name = '" + location + "'").value(0, 0);
    }

    private static String createRoleLocation(String name) {
        return "CREATE LOCATION " + name + " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_ROLE + "' )";
    }

    @Test
    void ownerTo_byAModifyHolder_isDenied_soItCannotGrantItselfUsage(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            stack.run("CREATE USER mallory");
            stack.run("GRANT MODIFY ON LOCATION bedrock_role TO mallory");
            Session mallory = stack.sessionOf("mallory");

            RuntimeException denied = stack.failure(mallory, "ALTER LOCATION bedrock_role OWNER TO mallory");

            assertThat(TestStack.codeOf(denied)).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(denied).hasMessageContaining("you may not change the owner of location 'bedrock_role'")
                    .hasMessageContaining("only its owner ('admin'")
                    .hasMessageContaining("MODIFY does not include it")
                    .hasMessageContaining("ALTER LOCATION bedrock_role OWNER TO <user_or_role>");
            assertThat(ownerOf(stack, "bedrock_role")).isEqualTo("admin");
            // The rest of the reported escalation stays closed: no grant, no call.
            assertThat(TestStack.codeOf(stack.failure(mallory, "GRANT USAGE ON LOCATION bedrock_role TO mallory"))).isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(TestStack.codeOf(stack.failure(mallory, CALL))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(emulator.calls("InvokeModel")).isEmpty();
            // MODIFY still does what it is for.
            TestStack.run(mallory, "ALTER LOCATION bedrock_role SET DESCRIPTION = 'mallory may edit'");
        }
    }

    @Test
    void ownerTo_byModifyAnyLocationOrUsage_isDenied(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            stack.run("CREATE ROLE editors");
            stack.run("CREATE USER trent");
            stack.run("CREATE USER ursula");
            stack.run("GRANT ROLE editors TO USER trent");
            stack.run("GRANT MODIFY ANY LOCATION ON ACCOUNT my_account TO editors");
            stack.run("GRANT USAGE ON LOCATION bedrock_role TO ursula");

            assertThat(TestStack.codeOf(stack.failure(stack.sessionOf("trent"), "ALTER LOCATION bedrock_role OWNER TO editors")))
                    .isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(TestStack.codeOf(stack.failure(stack.sessionOf("ursula"), "ALTER LOCATION bedrock_role OWNER TO ursula")))
                    .isEqualTo(OutcropErrorCode.PERMISSION_DENIED);
            assertThat(TestStack.codeOf(stack.failure(stack.sessionOf("nobody"), "ALTER LOCATION bedrock_role OWNER TO nobody")))
                    .as("a caller with no privilege at all is told the location does not exist, as everywhere")
                    .isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(ownerOf(stack, "bedrock_role")).isEqualTo("admin");
        }
    }

    @Test
    void ownerTo_byTheOwner_byAMemberOfTheOwningRole_andByAnAdmin_works(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE USER alice");
            stack.run("CREATE USER bob");
            stack.run("CREATE USER carol");
            stack.run("CREATE ROLE keepers");
            stack.run("GRANT ROLE keepers TO USER carol");
            stack.run("GRANT CREATE LOCATION ON ACCOUNT my_account TO alice");
            Session alice = stack.sessionOf("alice");
            TestStack.run(alice, createRoleLocation("bedrock_role"));

            TestStack.run(alice, "ALTER LOCATION bedrock_role OWNER TO bob");
            assertThat(ownerOf(stack, "bedrock_role")).isEqualTo("bob");
            assertThat(TestStack.codeOf(stack.failure(alice, "ALTER LOCATION bedrock_role OWNER TO alice")))
                    .as("alice gave it away and holds nothing on it now").isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);

            stack.run("ALTER LOCATION bedrock_role OWNER TO keepers");
            assertThat(ownerOf(stack, "bedrock_role")).isEqualTo("keepers");

            TestStack.run(stack.sessionOf("carol"), "ALTER LOCATION bedrock_role OWNER TO carol");
            assertThat(ownerOf(stack, "bedrock_role")).isEqualTo("carol");
            assertThat(TestStack.codeOf(stack.failure(stack.sessionOf("carol"), "ALTER LOCATION bedrock_role OWNER TO nobody")))
                    .isEqualTo(OutcropErrorCode.PRINCIPAL_NOT_FOUND);
        }
    }
}
