package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.failure;
import static dev.outcrop.bedrock.client.Emulated.nova;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.port.InvokeModelResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BedrockEmulatorExtension.class)
final class RetryAndTimeoutTest {

    /**
     * At 30% throttling a call fails all of n attempts with probability 0.3^n: 0.8% for the default 4, so
     * 1,000 calls need more attempts to all succeed; 10 leaves an expected 0.006 failures in 1,000 calls.
     */
    @Test
    void invokeModel_thirtyPercentThrottling_retriesUntilEveryOneOfAThousandCallsSucceeds(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(0.3).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(10).build())) {
            List<CompletableFuture<InvokeModelResponse>> calls = runAtConcurrency(1_000, 50, i -> runtime.invokeModel(nova("call " + i)));

            assertThat(calls).allSatisfy(call -> assertThat(call.join().body()).contains("Echo: call "));
            long attempts = emulator.callCount("InvokeModel");
            long throttled = emulator.calls("InvokeModel").stream().filter(c -> "ThrottlingException".equals(c.errorType())).count();
            assertThat(attempts).isEqualTo(1_000 + throttled);
            assertThat(throttled).isBetween(300L, 600L);   // about 1000 * 0.3 / 0.7 = 429 retried attempts
        }
    }

    @Test
    void invokeModel_throttledOnEveryAttempt_failsAfterMaxAttempts(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(3).build())) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.remoteErrorType()).isEqualTo("ThrottlingException");
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(3);
        }
    }

    @Test
    void invokeModel_retryableBedrockErrors_areRetried(BedrockEmulator emulator) {
        for (String type : List.of("ModelTimeoutException", "ModelNotReadyException", "ServiceUnavailableException", "InternalServerException")) {
            emulator.clearCalls();
            emulator.faults().setAll(BedrockErrorsTest.faultAlways(type));
            try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(3).build())) {
                assertThat(failure(runtime.invokeModel(nova("hi"))).remoteErrorType()).isEqualTo(type);
                assertThat(emulator.callCount("InvokeModel")).as(type).isEqualTo(3);
            }
        }
    }

    @Test
    void invokeModel_nonRetryableErrors_areSentOnce(BedrockEmulator emulator) {
        emulator.faults().setAll(BedrockErrorsTest.faultAlways("ModelErrorException"));
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(5).build())) {
            failure(runtime.invokeModel(nova("hi")));
            failure(runtime.invokeModel(new dev.outcrop.core.port.InvokeModelRequest("amazon.nova-nano-v9:0", "{}", Emulated.REGION, Emulated.DEPLOYMENT)));

            assertThat(emulator.callCount("InvokeModel")).isEqualTo(2);
        }
    }

    @Test
    void invokeModel_slowerThanTheAttemptTimeout_isRetriedThenFailsAsTimeout(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());
        var config = config(emulator).maxAttempts(2).apiCallAttemptTimeout(Duration.ofMillis(200)).apiCallTimeout(Duration.ofSeconds(10)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.remoteErrorType()).as(e.getMessage()).isEqualTo("Timeout");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("outcrop.bedrock.api-call-attempt-timeout");
            assertThat(emulator.calls()).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void invokeModel_slowerThanTheTotalTimeout_failsAsTimeout(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());
        var config = config(emulator).maxAttempts(5).apiCallAttemptTimeout(Duration.ofMillis(300)).apiCallTimeout(Duration.ofMillis(300)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            InvocationException e = failure(runtime.invokeModel(nova("hi")));

            assertThat(e.remoteErrorType()).isEqualTo("Timeout");
            assertThat(e.getCause()).isInstanceOfAny(software.amazon.awssdk.core.exception.ApiCallTimeoutException.class,
                    software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException.class);
        }
    }

    /** Starts {@code total} calls with at most {@code concurrency} in flight, and returns them all. */
    static <T> List<CompletableFuture<T>> runAtConcurrency(int total, int concurrency, java.util.function.IntFunction<CompletionStage<T>> call) {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<T>> calls = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            try {
                if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("calls stopped completing");
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            CompletableFuture<T> future = call.apply(i).toCompletableFuture();
            future.whenComplete((result, failure) -> permits.release());
            calls.add(future);
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(f -> null).orTimeout(60, TimeUnit.SECONDS).join();
        return calls;
    }
}
