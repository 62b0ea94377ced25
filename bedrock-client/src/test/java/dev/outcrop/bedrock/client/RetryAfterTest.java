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
import dev.outcrop.core.port.ConverseRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Retry-After header on a throttling or 503 answer reaches core as {@link InvocationException#retryAfter()}. */
@ExtendWith(BedrockEmulatorExtension.class)
final class RetryAfterTest {

    @Test
    void throttled_withRetryAfter_reportsIt(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).retryAfter(Duration.ofSeconds(7)).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(1).build())) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.MODEL_THROTTLED.toErrorCode());
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        }
    }

    @Test
    void throttledOnEveryAttempt_reportsTheLastAnswersRetryAfter(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).retryAfter(Duration.ofSeconds(1)).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(3).build())) {
            InvocationException e = failure(runtime.converse(new ConverseRequest(NOVA, "hi", REGION, DEPLOYMENT)));

            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(emulator.callCount("Converse")).isEqualTo(3);
        }
    }

    @Test
    void serviceUnavailable_withRetryAfter_reportsIt(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().serverErrorRate(1.0).serverErrorType("ServiceUnavailableException")
                .retryAfter(Duration.ofSeconds(3)).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(1).build())) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void throttled_withoutRetryAfter_asBedrockAnswers_reportsNone(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(1).build())) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.remoteErrorType()).isEqualTo("ThrottlingException");
            assertThat(e.retryAfter()).isNull();
        }
    }
}
