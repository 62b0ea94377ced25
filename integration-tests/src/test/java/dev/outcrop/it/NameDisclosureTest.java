package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a caller learns of a location it may not see (docs/security.md, "What a name discloses"): within its
 * own account, that the name is taken, and nothing else; across accounts, nothing.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class NameDisclosureTest {

    private static final String ROLE = " WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )";

    @Test
    void aHiddenLocationsName_isTakenInItsAccount_andThatIsAllACallerLearns(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION hidden" + ROLE + " DESCRIPTION = 'payroll models'");
            stack.run("CREATE USER bob");
            stack.run("GRANT CREATE LOCATION ON ACCOUNT my_account TO bob");
            Session bob = stack.sessionOf("bob");
            TestStack.run(bob, "CREATE LOCATION mine" + ROLE);

            RuntimeException create = stack.failure(bob, "CREATE LOCATION hidden" + ROLE);
            RuntimeException rename = stack.failure(bob, "ALTER LOCATION mine RENAME TO hidden");

            assertThat(TestStack.codeOf(create)).isEqualTo(OutcropErrorCode.LOCATION_ALREADY_EXISTS);
            assertThat(TestStack.codeOf(rename)).isEqualTo(OutcropErrorCode.LOCATION_ALREADY_EXISTS);
            for (RuntimeException e : new RuntimeException[] {create, rename}) {
                assertThat(e.getMessage()).contains("'hidden'").doesNotContain("admin").doesNotContain("payroll")
                        .doesNotContain("BedrockAccess").doesNotContain("AMAZON_BEDROCK");
            }
            assertThat(TestStack.codeOf(stack.failure(bob, "DROP LOCATION hidden"))).as("as if it did not exist")
                    .isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(TestStack.codeOf(stack.failure(bob, "DROP LOCATION never_was"))).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND);
            assertThat(TestStack.run(bob, "SELECT location_name FROM information_schema.locations").rows()).hasSize(1);

            stack.outcrop.createAccount(AccountSpec.fromTemplate("other_account", "us-east-1", "arn:aws:iam::111122223333:role/outcrop-{account}",
                    1_000L), "root");
            TestStack.run(stack.outcrop.openSession("other_account", "root"), "CREATE LOCATION hidden" + ROLE);
        }
    }
}
