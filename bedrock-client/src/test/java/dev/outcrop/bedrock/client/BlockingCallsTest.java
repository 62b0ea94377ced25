package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.DEPLOYMENT;
import static dev.outcrop.bedrock.client.Emulated.NOVA;
import static dev.outcrop.bedrock.client.Emulated.REGION;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.eventually;
import static dev.outcrop.bedrock.client.Emulated.nova;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.TokenUsage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The blocking calls ({@code invokeModelBlocking}, {@code converseBlocking}) keep every behaviour of the asynchronous
 * ones: the answer and usage, per-request credentials, the SDK's retries, the three timeouts, the pool's limit and the
 * error mapping, thrown instead of completing a stage.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class BlockingCallsTest {

    @Test
    void invokeModelBlocking_returnsBodyAndUsage_signedWithTheRequestsCredentials(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            InvokeModelResponse response = runtime.invokeModelBlocking(nova("hello there"));

            assertThat(response.body()).contains("\"text\":\"Echo: hello there\"");
            assertThat(response.usage()).isEqualTo(new TokenUsage(3, 5, true));
            assertThat(emulator.calls("InvokeModel")).singleElement().satisfies(call -> {
                assertThat(call.accessKeyId()).isEqualTo(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID);
                assertThat(call.signatureValid()).isTrue();
            });
        }
    }

    @Test
    void converseBlocking_returnsTheTextAndReportedUsage(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            ConverseResponse response = runtime.converseBlocking(new ConverseRequest(Emulated.CLAUDE, "what is two plus two", REGION, DEPLOYMENT));

            assertThat(response.text()).isEqualTo("Echo: what is two plus two");
            assertThat(response.usage().reported()).isTrue();
            assertThat(emulator.callCount("Converse")).isEqualTo(1);
        }
    }

    @Test
    void invokeModelBlocking_identityWithoutModelAccess_throwsAccessDenied(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(3).build())) {
            InvocationException e = thrown(() -> runtime.invokeModelBlocking(new InvokeModelRequest(NOVA, Emulated.novaBody("x"), REGION, Emulated.RESTRICTED)));

            assertThat(e.remoteErrorType()).isEqualTo("AccessDeniedException");
            assertThat(e.retryable()).isFalse();
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(1);
            assertThat(emulator.calls("InvokeModel").get(0).accessKeyId()).isEqualTo(EmulatorConfig.RESTRICTED_ACCESS_KEY_ID);
        }
    }

    @Test
    void converseBlocking_throttledOnEveryAttempt_throwsThrottledAfterMaxAttempts(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(3).build())) {
            InvocationException e = thrown(() -> runtime.converseBlocking(new ConverseRequest(NOVA, "hi", REGION, DEPLOYMENT)));

            assertThat(e.remoteErrorType()).isEqualTo("ThrottlingException");
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.MODEL_THROTTLED.toErrorCode());
            assertThat(emulator.callCount("Converse")).isEqualTo(3);
        }
    }

    @Test
    void invokeModelBlocking_slowerThanTheAttemptTimeout_throwsTimeoutNamingIt(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());
        var config = config(emulator).maxAttempts(2).apiCallAttemptTimeout(Duration.ofMillis(200)).apiCallTimeout(Duration.ofSeconds(10)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            InvocationException e = thrown(() -> runtime.invokeModelBlocking(nova("hi")));

            assertThat(e.remoteErrorType()).as(e.getMessage()).isEqualTo("Timeout");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("outcrop.bedrock.api-call-attempt-timeout");
            // At most the two attempts (on a loaded machine one may end before it reaches the emulator).
            assertThat(emulator.calls()).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void invokeModelBlocking_silentLongerThanTheReadTimeout_throwsTimeoutNamingIt(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());
        var config = config(emulator).maxAttempts(1).readTimeout(Duration.ofMillis(300)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            InvocationException e = thrown(() -> runtime.invokeModelBlocking(nova("hi")));

            assertThat(e.remoteErrorType()).as(e.getMessage()).isEqualTo("Timeout");
            assertThat(e.getMessage()).contains("outcrop.bedrock.read-timeout");
        }
    }

    /** max-concurrency bounds the blocking calls' pool too: a call that finds no free connection in time is a local limit. */
    @Test
    void invokeModelBlocking_poolOfOneBusy_throwsLocalCapacityExhausted(BedrockEmulator emulator) {
        var config = config(emulator).maxConcurrency(1).maxAttempts(1).connectionAcquisitionTimeout(Duration.ofMillis(200)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            runtime.invokeModelBlocking(nova("warm up"));
            emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());
            CompletableFuture<InvokeModelResponse> holder = CompletableFuture.supplyAsync(() -> runtime.invokeModelBlocking(nova("holds the connection")));
            eventually(() -> emulator.requestsInProgress() == 1, "one call in flight at the emulator");

            Throwable e = catchThrowable(() -> runtime.invokeModelBlocking(nova("finds none free")));

            assertThat(e).isInstanceOf(OutcropException.class).isNotInstanceOf(InvocationException.class);
            assertThat(((OutcropException) e).errorCode()).isEqualTo(OutcropErrorCode.LOCAL_CAPACITY_EXHAUSTED.toErrorCode());
            assertThat(e.getMessage()).contains("outcrop.bedrock.connection-acquisition-timeout (PT0.2S)").contains("outcrop.bedrock.max-concurrency (1)");
            assertThat(holder.orTimeout(30, TimeUnit.SECONDS).join().body()).contains("Echo: holds the connection");
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(2);
        }
    }

    @Test
    void invokeModelBlocking_nothingListening_throwsConnectionError() {
        var config = BedrockClientConfig.builder().transport(Emulated.TRANSPORT).bedrockEndpoint(java.net.URI.create("http://127.0.0.1:9")).maxAttempts(1).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            InvocationException e = thrown(() -> runtime.invokeModelBlocking(nova("hi")));

            assertThat(e.remoteErrorType()).isEqualTo("ConnectionError");
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void blockingCalls_afterClose_areRefused(BedrockEmulator emulator) {
        BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build());
        runtime.close();

        Throwable e = catchThrowable(() -> runtime.invokeModelBlocking(nova("hi")));

        assertThat(e).hasMessageContaining("closed");
        assertThat(emulator.callCount("InvokeModel")).isZero();
    }

    private static InvocationException thrown(Runnable call) {
        Throwable e = catchThrowable(call::run);
        assertThat(e).isInstanceOf(InvocationException.class);
        return (InvocationException) e;
    }
}
