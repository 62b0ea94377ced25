package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.DEPLOYMENT;
import static dev.outcrop.bedrock.client.Emulated.NOVA;
import static dev.outcrop.bedrock.client.Emulated.REGION;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.failure;
import static dev.outcrop.bedrock.client.Emulated.nova;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.InvokeModelRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Bedrock error type surfaces with its type, status, Bedrock's own message, a code and whether to retry. */
@ExtendWith(BedrockEmulatorExtension.class)
final class BedrockErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ThrottlingException         | 429 | true  | MODEL_THROTTLED         | Too many requests, please wait before trying again.
            ModelNotReadyException      | 429 | true  | MODEL_THROTTLED         | Model is not ready to serve inference requests. The AWS SDK will automatically retry the operation up to 5 times.
            ModelTimeoutException       | 408 | true  | MODEL_INVOCATION_FAILED | Model has timed out in processing the request. Try your request again.
            ServiceUnavailableException | 503 | true  | MODEL_INVOCATION_FAILED | Bedrock is unable to process your request.
            InternalServerException     | 500 | true  | MODEL_INVOCATION_FAILED | The server encountered an internal error while processing the request.
            ModelErrorException         | 424 | false | MODEL_INVOCATION_FAILED | The model returned the following errors: emulated model failure.
            ServiceQuotaExceededException | 400 | false | MODEL_THROTTLED       | Your request exceeded the service quota for this model.
            """)
    void invokeModel_serverError_mapsTypeStatusRetryableCodeAndMessage(String type, int status, boolean retryable, OutcropErrorCode code,
                                                                        String message, BedrockEmulator emulator) {
        emulator.faults().setAll(faultAlways(type));
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(1).build())) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.remoteErrorType()).isEqualTo(type);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.retryable()).isEqualTo(retryable);
            assertThat(e.errorCode()).isEqualTo(code.toErrorCode());
            assertThat(e.getMessage()).isEqualTo(message);
        }
    }

    @Test
    void converse_serverError_mapsLikeInvokeModel(BedrockEmulator emulator) {
        emulator.faults().setAll(faultAlways("ServiceUnavailableException"));
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(1).build())) {
            InvocationException e = failure(runtime.converse(new ConverseRequest(NOVA, "hi", REGION, DEPLOYMENT)));

            assertThat(e.remoteErrorType()).isEqualTo("ServiceUnavailableException");
            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void invokeModel_malformedModelId_isValidationException_notRetried(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            InvocationException e = failure(runtime.invokeModel(new InvokeModelRequest("not a model!", "{}", REGION, DEPLOYMENT)));

            assertThat(e.remoteErrorType()).isEqualTo("ValidationException");
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.retryable()).isFalse();
            assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.MODEL_INVOCATION_FAILED.toErrorCode());
            assertThat(e.getMessage()).isEqualTo("The provided model identifier is invalid.");
            assertThat(emulator.calls()).hasSize(1);
        }
    }

    @Test
    void invokeModel_malformedBody_isValidationException(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            InvocationException e = failure(runtime.invokeModel(new InvokeModelRequest(NOVA, "{\"nope\":1}", REGION, DEPLOYMENT)));

            assertThat(e.remoteErrorType()).isEqualTo("ValidationException");
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void invokeModel_unknownModel_isResourceNotFound_notRetried(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            InvocationException e = failure(runtime.invokeModel(new InvokeModelRequest("amazon.nova-nano-v9:0", Emulated.novaBody("x"), REGION, DEPLOYMENT)));

            assertThat(e.remoteErrorType()).isEqualTo("ResourceNotFoundException");
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("Could not resolve the foundation model from the provided model identifier.");
            assertThat(emulator.calls()).hasSize(1);
        }
    }

    @Test
    void invokeModel_identityWithoutModelAccess_isAccessDenied_notRetried(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            InvocationException e = failure(runtime.invokeModel(new InvokeModelRequest(NOVA, Emulated.novaBody("x"), REGION, Emulated.RESTRICTED)));

            assertThat(e.remoteErrorType()).isEqualTo("AccessDeniedException");
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("is not authorized to perform: bedrock:InvokeModel");
            assertThat(emulator.calls()).hasSize(1);
        }
    }

    @Test
    void invokeModel_unknownAccessKey_isUnrecognizedClient(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            AwsCredentials unknown = AwsCredentials.of("AKIAUNKNOWNEXAMPLE00", "secret");
            InvocationException e = failure(runtime.invokeModel(new InvokeModelRequest(NOVA, Emulated.novaBody("x"), REGION, unknown)));

            assertThat(e.remoteErrorType()).isEqualTo("UnrecognizedClientException");
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).doesNotContain("secret");
        }
    }

    @Test
    void invokeModel_connectionReset_isRetryableConnectionError(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().connectionResetRate(1.0).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(2).build())) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.remoteErrorType()).isEqualTo("ConnectionError");
            assertThat(e.httpStatus()).isZero();
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).startsWith("the request could not be completed");
        }
    }

    @Test
    void invokeModel_nothingListening_isConnectionError() {
        java.net.URI closedPort = java.net.URI.create("http://127.0.0.1:9");
        var config = dev.outcrop.bedrock.client.config.BedrockClientConfig.builder().transport(Emulated.TRANSPORT).bedrockEndpoint(closedPort).maxAttempts(1).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.remoteErrorType()).isEqualTo("ConnectionError");
            assertThat(e.retryable()).isTrue();
        }
    }

    static FaultSpec faultAlways(String type) {
        return type.equals("ThrottlingException")
                ? FaultSpec.builder().throttleRate(1.0).build()
                : FaultSpec.builder().serverErrorRate(1.0).serverErrorType(type).build();
    }
}
