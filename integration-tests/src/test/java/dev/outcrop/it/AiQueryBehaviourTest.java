package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.result.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** AWS_BEDROCK_AI_QUERY and AI_QUERY as behaviours.md specifies them. */
@ExtendWith(BedrockEmulatorExtension.class)
final class AiQueryBehaviourTest {

    private static final String CLAUDE = "'{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'";

    private static boolean is(Throwable e, OutcropErrorCode code) {
        return e instanceof OutcropException o && o.errorCode().equals(code.toErrorCode());
    }

    @Test
    void response_isTheBodyUnchanged_andTheModelIdIsForwardedAsGiven(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            String profile = (String) stack.run("SELECT AWS_BEDROCK_AI_QUERY('us.amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_keys')").value(0, 0);
            String claude = (String) stack.run("SELECT AWS_BEDROCK_AI_QUERY('anthropic.claude-3-haiku-20240307-v1:0', " + CLAUDE + ", 'bedrock_keys', TRUE) AS result").value(0, 0);

            assertThat(profile).startsWith("{\"output\":{\"message\":{\"content\":[{\"text\":\"Echo: Hello\"}]");
            assertThat(claude).contains("\"type\":\"message\"").contains("\"role\":\"assistant\"").contains("Echo: Hello");
            assertThat(emulator.calls("InvokeModel")).extracting(c -> c.modelId())
                    .containsExactly("us.amazon.nova-micro-v1:0", "anthropic.claude-3-haiku-20240307-v1:0");
        }
    }

    @Test
    void nullRequest_givesNullWithNoCallAndNoTokens(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            QueryResult result = stack.run("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', NULL, 'bedrock_keys'), AI_QUERY('amazon.nova-micro-v1:0', NULL, 'bedrock_keys')");

            assertThat(result.rows().get(0).values()).containsExactly(null, null);
            assertThat(emulator.calls()).isEmpty();
            assertThat(stack.usageToday()).isZero();
        }
    }

    @Test
    void nonLiteralLocationOrNullOnError_isRefusedBeforeAnyCall(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            RuntimeException location = stack.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO
                    + ", loc) FROM (VALUES ('bedrock_keys')) AS t(loc)");
            RuntimeException concatenated = stack.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_' || 'keys')");
            RuntimeException nullOnError = stack.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO
                    + ", 'bedrock_keys', flag) FROM (VALUES (TRUE)) AS t(flag)");

            assertThat(location).hasMessageContaining("LOCATION must be a literal constant");
            assertThat(concatenated).hasMessageContaining("LOCATION must be a literal constant");
            assertThat(nullOnError).hasMessageContaining("NULL_ON_ERROR must be the literal TRUE or FALSE");
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void malformedJson_failsBeforeAnyCallWithItsPosition(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            RuntimeException e = stack.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', '{\"messages\": [1, 2,, 3]}', 'bedrock_keys', TRUE)");

            assertThat(is(e, OutcropErrorCode.INVALID_ARGUMENT)).isTrue();
            assertThat(e).hasMessageContaining("not well-formed JSON at line 1, column 20");
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void nullOnError_turnsInvocationErrorsIntoNull_andTheOtherRowsGoOn(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            QueryResult result = stack.run("""
                    SELECT review_id,
                           AWS_BEDROCK_AI_QUERY(model,
                             '{"schemaVersion":"messages-v1","messages":[{"role":"user","content":[{"text":"Sentiment of: ' || review || '"}]}]}',
                             'bedrock_keys', TRUE) AS sentiment
                    FROM (VALUES (1, 'Great product', 'amazon.nova-micro-v1:0'), (2, 'Broke after a day', 'amazon.nova-nothing-v9:0'),
                                 (3, NULL, 'amazon.nova-micro-v1:0')) AS reviews(review_id, review, model)
                    WHERE review IS NOT NULL OR review_id = 3
                    """);

            assertThat(result.rows()).hasSize(3);
            assertThat((String) result.value(0, 1)).contains("Sentiment of: Great product");
            assertThat(result.value(1, 1)).as("ResourceNotFoundException becomes NULL").isNull();
            assertThat(result.value(2, 1)).as("NULL request").isNull();
        }
    }

    @Test
    void withoutNullOnError_theInvocationErrorIsRaisedWithItsDetails(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_role");
            emulator.faults().set("amazon.nova-micro-v1:0", FaultSpec.builder().throttleRate(1.0).build());

            RuntimeException e = stack.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_role')");

            assertThat(e).isInstanceOf(InvocationException.class);
            assertThat(e.getMessage()).startsWith("Bedrock ThrottlingException (429) invoking 'amazon.nova-micro-v1:0' through location 'bedrock_role': ");
            assertThat(is(e, OutcropErrorCode.MODEL_THROTTLED)).isTrue();
        }
    }

    @Test
    void nullOnError_doesNotHideErrorsThatAreNotInvocationErrors(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            RuntimeException unknown = stack.failure("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'nowhere', TRUE)");

            assertThat(is(unknown, OutcropErrorCode.LOCATION_NOT_FOUND)).isTrue();
        }
    }

    @Test
    void aiQuery_followsTheSameLiteralAndNullOnErrorRules(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            RuntimeException location = stack.failure("SELECT AI_QUERY('amazon.nova-micro-v1:0', 'Hi', loc) FROM (VALUES ('bedrock_keys')) AS t(loc)");
            RuntimeException flag = stack.failure("SELECT AI_QUERY('amazon.nova-micro-v1:0', 'Hi', 'bedrock_keys', NOT FALSE)");
            assertThat(location).hasMessageContaining("AI_QUERY: LOCATION must be a literal constant");
            assertThat(flag).hasMessageContaining("AI_QUERY: NULL_ON_ERROR must be the literal TRUE or FALSE");
            assertThat(emulator.calls()).isEmpty();

            QueryResult result = stack.run("SELECT AI_QUERY('amazon.nova-nothing-v1:0', 'Hi', 'bedrock_keys', TRUE) AS hidden");
            assertThat(result.value(0, 0)).as("an invocation error becomes NULL").isNull();
            RuntimeException raised = stack.failure("SELECT AI_QUERY('amazon.nova-nothing-v1:0', 'Hi', 'bedrock_keys')");
            assertThat(raised).isInstanceOf(InvocationException.class)
                    .hasMessageStartingWith("Bedrock ResourceNotFoundException (404) invoking 'amazon.nova-nothing-v1:0' through location 'bedrock_keys'");
        }
    }

    @Test
    void aiQuery_sendsThePromptThroughConverse_andReturnsTheText(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )");

            QueryResult result = stack.run("SELECT AI_QUERY('us.meta.llama3-3-70b-instruct-v1:0', 'What is AWS?', 'bedrock_role') AS result");

            assertThat(result.value(0, 0)).isEqualTo("Echo: What is AWS?");
            assertThat(emulator.calls("Converse")).singleElement().satisfies(call -> assertThat(call.modelId()).isEqualTo("us.meta.llama3-3-70b-instruct-v1:0"));
        }
    }
}
