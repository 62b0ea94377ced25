package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

@ExtendWith(BedrockEmulatorExtension.class)
class InvokeModelNovaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\","
            + "\"content\":[{\"text\":\"Say hello to the quarry\"}]}],\"inferenceConfig\":{\"maxTokens\":64}}";

    private final BedrockEmulator emulator;

    InvokeModelNovaTest(BedrockEmulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void novaAnswersWithItsResponseShapeUsageAndHeaders() throws Exception {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            InvokeModelResponse response = client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .contentType("application/json").accept("application/json").body(SdkBytes.fromUtf8String(HELLO)));

            JsonNode body = JSON.readTree(response.body().asUtf8String());
            assertThat(body.at("/output/message/role").asText()).isEqualTo("assistant");
            assertThat(body.at("/output/message/content/0/text").asText()).isEqualTo("Echo: Say hello to the quarry");
            assertThat(body.at("/stopReason").asText()).isEqualTo("end_turn");
            // "Say hello to the quarry" is 23 chars -> 6 tokens; the reply is 29 chars -> 8 tokens.
            assertThat(body.at("/usage/inputTokens").asInt()).isEqualTo(6);
            assertThat(body.at("/usage/outputTokens").asInt()).isEqualTo(8);
            assertThat(body.at("/usage/totalTokens").asInt()).isEqualTo(14);
            assertThat(response.contentType()).isEqualTo("application/json");
            var headers = response.sdkHttpResponse();
            assertThat(headers.firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")).contains("6");
            assertThat(headers.firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count")).contains("8");
            assertThat(headers.firstMatchingHeader("X-Amzn-Bedrock-Invocation-Latency")).isPresent();
            assertThat(headers.firstMatchingHeader("x-amzn-RequestId").orElseThrow()).matches("[0-9a-f-]{36}");
        }
        RecordedCall call = emulator.calls().get(0);
        assertThat(call.operation()).isEqualTo("InvokeModel");
        assertThat(call.service()).isEqualTo("bedrock");
        assertThat(call.modelId()).isEqualTo("amazon.nova-micro-v1:0");
        assertThat(call.accessKeyId()).isEqualTo(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID);
        assertThat(call.principalArn()).isEqualTo(EmulatorConfig.DEPLOYMENT_PRINCIPAL);
        assertThat(call.signatureValid()).isTrue();
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.errorType()).isNull();
        assertThat(call.requestBytes()).isEqualTo(HELLO.length());
    }

    @Test
    void inferenceProfileIdsResolveToTheBaseModel() throws Exception {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            InvokeModelResponse response = client.invokeModel(r -> r.modelId("us.amazon.nova-lite-v1:0")
                    .body(SdkBytes.fromUtf8String(HELLO)));
            assertThat(JSON.readTree(response.body().asUtf8String()).at("/output/message/content/0/text").asText())
                    .startsWith("Echo: ");
        }
        assertThat(emulator.calls()).singleElement().extracting(RecordedCall::modelId).isEqualTo("us.amazon.nova-lite-v1:0");
    }

    @Test
    void maxTokensCutsTheAnswer() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a long question about granite\"}]}],"
                + "\"inferenceConfig\":{\"max_new_tokens\":2}}";
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            JsonNode answer = JSON.readTree(client.invokeModel(r -> r.modelId("amazon.nova-pro-v1:0")
                    .body(SdkBytes.fromUtf8String(body))).body().asUtf8String());
            assertThat(answer.at("/stopReason").asText()).isEqualTo("max_tokens");
            assertThat(answer.at("/usage/outputTokens").asInt()).isEqualTo(2);
            assertThat(answer.at("/output/message/content/0/text").asText()).isEqualTo("Echo: a ");
        }
    }

    @Test
    void unknownModelIsResourceNotFound() {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("amazon.nova-mega-v9:0")
                    .body(SdkBytes.fromUtf8String(HELLO))))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    });
        }
        assertThat(emulator.calls()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(404);
            assertThat(c.errorType()).isEqualTo("ResourceNotFoundException");
        });
    }

    @Test
    void malformedModelIdIsValidationException() {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("invalid-model-id")
                    .body(SdkBytes.fromUtf8String(HELLO))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("The provided model identifier is invalid.");
        }
    }

    @Test
    void bodyThatIsNotJsonIsValidationException() {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String("this is { not json"))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                    .hasMessageContaining("Malformed input request");
        }
    }

    @Test
    void bodyThatDoesNotFitNovaSchemaIsValidationException() {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"hi\"}"))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("extraneous key [prompt] is not permitted");
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"messages\":[]}"))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("#/messages");
        }
    }

    @Test
    void identityWithoutModelPermissionIsAccessDenied() {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.restricted())) {
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String(HELLO))))
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.statusCode()).isEqualTo(403))
                    .hasMessageContaining(EmulatorConfig.RESTRICTED_PRINCIPAL)
                    .hasMessageContaining("bedrock:InvokeModel");
        }
        assertThat(emulator.calls()).singleElement().satisfies(c -> {
            assertThat(c.signatureValid()).isTrue();
            assertThat(c.errorType()).isEqualTo("AccessDeniedException");
        });
    }

    @Test
    void unknownAccessKeyIsUnrecognizedClient() {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(),
                Clients.keys("AKIAEXAMPLEUNKNOWN00", "secret"))) {
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String(HELLO))))
                    .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
        assertThat(emulator.calls()).singleElement().satisfies(c -> {
            assertThat(c.signatureValid()).isFalse();
            assertThat(c.principalArn()).isNull();
            assertThat(c.accessKeyId()).isEqualTo("AKIAEXAMPLEUNKNOWN00");
        });
    }

    @Test
    void wrongSecretIsInvalidSignature() {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(),
                Clients.keys(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, "not-the-secret"))) {
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String(HELLO))))
                    .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void performanceConfigLatencyIsCheckedAndEchoed() {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            InvokeModelResponse response = client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .performanceConfigLatency("optimized").body(SdkBytes.fromUtf8String(HELLO)));
            assertThat(response.performanceConfigLatencyAsString()).isEqualTo("optimized");
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .performanceConfigLatency("ludicrous").body(SdkBytes.fromUtf8String(HELLO))))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("performanceConfigLatency");
        }
    }
}
