package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.RecordedCall;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.type.ScalarType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's statements, end to end: SQL text through the parser, core, the catalog, the credential
 * chain, the real AWS SDK and the emulator, and the answer back as a one-row, one-column result.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class SeedStatementsEndToEndTest {

    private static final String SEED_QUERY = """
            SELECT AWS_BEDROCK_AI_QUERY(
              'amazon.nova-micro-v1:0',
              $${"schemaVersion":"messages-v1","messages":[{"role":"user","content":[{"text":"Hello"}]}]}$$,
              '%s'
            ) AS result;
            """;

    @Test
    void accessKeyLocation_invokesNovaSignedWithTheLocationsKey(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("""
                    CREATE LOCATION bedrock_keys WITH
                      SOURCE = AMAZON_BEDROCK
                      CREDENTIALS = (
                        AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
                        AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
                      );
                    """);

            QueryResult result = stack.run(SEED_QUERY.formatted("bedrock_keys"));

            assertThat(result.columns()).hasSize(1);
            assertThat(result.columns().get(0).name()).isEqualTo("result");
            assertThat(result.columns().get(0).type()).isEqualTo(ScalarType.TEXT);
            assertThat(result.rows()).hasSize(1);
            String body = (String) result.value(0, 0);
            assertThat(body).contains("\"output\"").contains("\"message\"").contains("\"role\":\"assistant\"").contains("Hello");
            assertThat(body).contains("\"usage\"").contains("\"inputTokens\"");

            List<RecordedCall> invocations = emulator.calls().stream().filter(call -> call.operation().equals("InvokeModel")).toList();
            assertThat(invocations).hasSize(1);
            RecordedCall call = invocations.get(0);
            assertThat(call.accessKeyId()).isEqualTo(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID);
            assertThat(call.signatureValid()).isTrue();
            assertThat(call.modelId()).isEqualTo("amazon.nova-micro-v1:0");
            assertThat(call.status()).isEqualTo(200);
        }
    }

    @Test
    void roleLocation_assumesTheTrustPrincipalThenTheCustomersRole(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("""
                    CREATE LOCATION bedrock_role WITH
                      SOURCE = AMAZON_BEDROCK
                      CREDENTIALS = (
                        AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess'
                      );
                    """);

            QueryResult result = stack.run(SEED_QUERY.formatted("bedrock_role"));

            assertThat((String) result.value(0, 0)).contains("Hello");
            List<RecordedCall> assumes = emulator.calls().stream().filter(call -> call.operation().equals("AssumeRole")).toList();
            assertThat(assumes).extracting(call -> call.parameters().get("RoleArn"))
                    .containsExactly(EmulatorConfig.TRUST_DEMO_ROLE, EmulatorConfig.BEDROCK_ACCESS_ROLE);
            assertThat(assumes.get(0).accessKeyId()).isEqualTo(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID);
            assertThat(assumes.get(1).accessKeyId()).startsWith("ASIA");
            RecordedCall invoke = emulator.calls().stream().filter(call -> call.operation().equals("InvokeModel")).findFirst().orElseThrow();
            assertThat(invoke.accessKeyId()).startsWith("ASIA");
            assertThat(invoke.signatureValid()).isTrue();
            assertThat(invoke.status()).isEqualTo(200);
        }
    }

    @Test
    void roleLocationWithExternalId_passesTheExternalIdToSts(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("""
                    CREATE LOCATION bedrock_role_external_id WITH
                      SOURCE = AMAZON_BEDROCK
                      CREDENTIALS = (
                        AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccessWithExternalId'
                        AWS_ROLE_EXTERNAL_ID = '<external_id>'
                      );
                    """);

            QueryResult result = stack.run(SEED_QUERY.formatted("bedrock_role_external_id"));

            assertThat((String) result.value(0, 0)).contains("Hello");
            RecordedCall customerRole = emulator.calls().stream()
                    .filter(call -> call.operation().equals("AssumeRole") && EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE.equals(call.parameters().get("RoleArn")))
                    .findFirst().orElseThrow();
            assertThat(customerRole.parameters()).containsEntry("ExternalId", "<external_id>");
            assertThat(customerRole.status()).isEqualTo(200);
        }
    }

    @Test
    void wrongExternalId_namesTheLocationAndNoCredentialNorRoleArn(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("""
                    CREATE LOCATION wrong_external_id WITH SOURCE = AMAZON_BEDROCK
                      CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccessWithExternalId' AWS_ROLE_EXTERNAL_ID = 'not-the-right-one' );
                    """);

            assertThatThrownBy(() -> stack.run(SEED_QUERY.formatted("wrong_external_id")))
                    .isInstanceOf(InvocationException.class)
                    .hasMessageContaining("AccessDenied")
                    .hasMessageContaining("(403)")
                    .hasMessageContaining("the role of location 'wrong_external_id'")
                    .hasMessageNotContaining(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE)
                    .hasMessageNotContaining("not-the-right-one")
                    .hasMessageNotContaining(EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)
                    .hasMessageNotContaining(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID);
            assertThat(emulator.calls()).noneMatch(call -> call.operation().equals("InvokeModel"));
        }
    }

    @Test
    void syntaxError_namesLineAndColumn(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            assertThatThrownBy(() -> stack.run("CREATE LOCATION x WITH\n  SOURCE = AMAZON_BEDROCK\n  CREDENTIALS (AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/R')"))
                    .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                        assertThat(e.line()).isEqualTo(3);
                        assertThat(e.column()).isEqualTo(15);
                    })
                    .hasMessageStartingWith("line 3:15:")
                    .hasMessageContaining("'='");
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void unknownLocation_isNamedAndNothingIsCalled(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            assertThatThrownBy(() -> stack.run(SEED_QUERY.formatted("no_such_location")))
                    .isInstanceOfSatisfying(OutcropException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND.toErrorCode()))
                    .hasMessageContaining("'no_such_location'");
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void emulatorError_isReportedWithItsTypeStatusModelAndLocation(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION bedrock_keys WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ("
                    + " AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE' AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')");

            assertThatThrownBy(() -> stack.run("SELECT AWS_BEDROCK_AI_QUERY('amazon.no-such-model-v1:0', '{}', 'bedrock_keys')"))
                    .isInstanceOfSatisfying(InvocationException.class, e -> {
                        assertThat(e.remoteErrorType()).isEqualTo("ResourceNotFoundException");
                        assertThat(e.httpStatus()).isEqualTo(404);
                    })
                    .hasMessageStartingWith("Bedrock ResourceNotFoundException (404) invoking 'amazon.no-such-model-v1:0' through location 'bedrock_keys': ")
                    .hasMessageNotContaining(EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);
        }
    }
}
