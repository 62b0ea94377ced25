package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may transfer a location's ownership, and that a user or role cannot be dropped while it owns
 * locations (issue "Security: ownership ..."): the escalations fail cleanly, the legitimate paths work.
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

    @Test
    void dropUser_thatOwnsLocations_isRefusedNamingThemAndTheFix(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE USER ghost");
            stack.run("GRANT CREATE LOCATION ON ACCOUNT my_account TO ghost");
            Session ghost = stack.sessionOf("ghost");
            TestStack.run(ghost, createRoleLocation("haunt_a"));
            TestStack.run(ghost, createRoleLocation("\"Haunt B\""));

            RuntimeException refused = stack.failure("DROP USER ghost");

            assertThat(TestStack.codeOf(refused)).isEqualTo(OutcropErrorCode.PRINCIPAL_OWNS_OBJECTS);
            assertThat(refused).hasMessage("cannot drop user 'ghost': it owns 2 locations: 'Haunt B', 'haunt_a'. Give each a new owner"
                    + " (ALTER LOCATION \"Haunt B\" OWNER TO <user_or_role>) or drop each (DROP LOCATION \"Haunt B\"), then run DROP USER ghost again");
            assertThat(TestStack.codeOf(stack.failure("DROP USER IF EXISTS ghost"))).as("IF EXISTS does not bypass it")
                    .isEqualTo(OutcropErrorCode.PRINCIPAL_OWNS_OBJECTS);
            assertThat(TestStack.codeOf(stack.failure("CREATE USER ghost"))).as("ghost is still there").isEqualTo(OutcropErrorCode.PRINCIPAL_ALREADY_EXISTS);
            assertThat(TestStack.run(ghost, "SELECT location_name FROM information_schema.locations").rows()).hasSize(2);

            stack.run("ALTER LOCATION \"Haunt B\" OWNER TO admin");
            assertThat(stack.failure("DROP USER ghost")).hasMessageStartingWith("cannot drop user 'ghost': it owns location 'haunt_a'. Give it a new owner");
            stack.run("DROP LOCATION haunt_a");
            stack.run("DROP USER ghost");

            // A new user of the same name starts with nothing: the finding's inheritance is gone.
            stack.run("CREATE USER ghost");
            assertThat(TestStack.run(ghost, "SELECT location_name FROM information_schema.locations").rows()).isEmpty();
            assertThat(TestStack.codeOf(stack.failure(ghost, "ALTER LOCATION \"Haunt B\" OWNER TO ghost"))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(ownerOf(stack, "Haunt B")).isEqualTo("admin");
        }
    }

    @Test
    void dropRole_thatOwnsALocation_isRefused_untilItIsTransferred(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            stack.run("CREATE ROLE data_engineer");
            stack.run("CREATE USER dave");
            stack.run("GRANT ROLE data_engineer TO USER dave");
            stack.run("ALTER LOCATION bedrock_role OWNER TO data_engineer");
            assertThat(TestStack.run(stack.sessionOf("dave"), CALL).value(0, 0)).as("dave owns it through the role").isNotNull();

            RuntimeException refused = stack.failure("DROP ROLE data_engineer");

            assertThat(TestStack.codeOf(refused)).isEqualTo(OutcropErrorCode.PRINCIPAL_OWNS_OBJECTS);
            assertThat(refused).hasMessageContaining("cannot drop role 'data_engineer': it owns location 'bedrock_role'")
                    .hasMessageContaining("ALTER LOCATION bedrock_role OWNER TO <user_or_role>")
                    .hasMessageContaining("DROP LOCATION bedrock_role")
                    .hasMessageEndingWith("then run DROP ROLE data_engineer again");
            assertThat(TestStack.run(stack.sessionOf("dave"), CALL).value(0, 0)).as("the refused drop changed nothing").isNotNull();

            stack.run("ALTER LOCATION bedrock_role OWNER TO dave");
            stack.run("DROP ROLE data_engineer");
            assertThat(ownerOf(stack, "bedrock_role")).isEqualTo("dave");
            assertThat(TestStack.codeOf(stack.failure("DROP USER dave"))).isEqualTo(OutcropErrorCode.PRINCIPAL_OWNS_OBJECTS);
        }
    }

    @Test
    void dropUser_ownsMany_listsTenAndSaysHowToListTheRest(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE USER hoarder");
            for (int i = 10; i < 22; i++) {
                stack.run(createRoleLocation("loc_" + i));
                stack.run("ALTER LOCATION loc_" + i + " OWNER TO hoarder");
            }

            RuntimeException refused = stack.failure("DROP USER hoarder");

            assertThat(refused).hasMessageContaining("it owns 12 locations: 'loc_10', ")
                    .hasMessageContaining("'loc_19' and 2 more (SELECT location_name FROM information_schema.locations WHERE location_owner = 'hoarder')")
                    .hasMessageNotContaining("loc_20");
            List<Object> listed = stack.run("SELECT location_name FROM information_schema.locations WHERE location_owner = 'hoarder'")
                    .rows().stream().map(row -> row.get(0)).toList();
            assertThat(listed).hasSize(12);
        }
    }
}
