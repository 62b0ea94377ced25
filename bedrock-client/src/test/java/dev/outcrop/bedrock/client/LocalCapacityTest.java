package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.await;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.eventually;
import static dev.outcrop.bedrock.client.Emulated.nova;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.port.InvokeModelResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime's own capacity: what {@link BedrockModelRuntime#maxConcurrentCalls()} reports, and how a call past it
 * fails. Every call waits out a latency at the emulator, so calls started together are all in flight together. Where
 * the acquisition timeout is short, a warm-up call first opens a connection, so that opening one does not eat into it.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class LocalCapacityTest {

    @Test
    void maxConcurrentCalls_isTheConfiguredMaxConcurrency() {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(BedrockClientConfig.builder().maxConcurrency(7).build())) {
            assertThat(runtime.maxConcurrentCalls()).isEqualTo(7);
        }
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(BedrockClientConfig.defaults())) {
            assertThat(runtime.maxConcurrentCalls()).isEqualTo(BedrockClientConfig.DEFAULT_MAX_CONCURRENCY);
        }
    }

    /**
     * maxConcurrentCalls() calls run at once over either protocol (HTTP/2 counts streams, not connections), and one
     * more is queued in the pool: with a short acquisition timeout it fails there, as a local limit.
     */
    @ParameterizedTest
    @MethodSource("dev.outcrop.bedrock.client.Emulated#protocols")
    void maxConcurrentCalls_callsRunTogether_andOneMoreWaitsInThePool(BedrockClientConfig.Protocol protocol, BedrockEmulator emulator) {
        BedrockClientConfig config = config(emulator).protocol(protocol).maxConcurrency(3).maxAttempts(1)
                .connectionAcquisitionTimeout(Duration.ofSeconds(1)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            long connectionsBefore = emulator.connectionsOpened();
            await(runtime.invokeModel(nova("warm up")));
            emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(3)).build());

            List<CompletableFuture<InvokeModelResponse>> calls = start(runtime, runtime.maxConcurrentCalls() + 1);

            eventually(() -> emulator.requestsInProgress() == 3, "three calls in flight at the emulator at once");
            List<Throwable> failures = failures(calls);
            assertThat(failures).singleElement().satisfies(f -> assertLocalCapacity(f, "outcrop.bedrock.connection-acquisition-timeout (PT1S)"));
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(1 + 3);
            if (protocol == BedrockClientConfig.Protocol.HTTP1_1) {
                // A connection per call in flight. (HTTP/2 multiplexes them, but the SDK may open a second connection
                // when the warm-up's stream is not yet given back to its connection: not a count to assert.)
                assertThat(emulator.connectionsOpened() - connectionsBefore).as("connections opened").isEqualTo(3);
            }
        }
    }

    @Test
    void connectionAcquisitionTimeout_severalCallsOnAPoolOfOne_failAsLocalCapacityNotAsBedrockErrors(BedrockEmulator emulator) {
        BedrockClientConfig config = config(emulator).maxConcurrency(1).maxAttempts(1)
                .connectionAcquisitionTimeout(Duration.ofMillis(200)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            await(runtime.invokeModel(nova("warm up")));
            emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());

            List<Throwable> failures = failures(start(runtime, 3));

            assertThat(failures).hasSize(2).allSatisfy(f -> {
                OutcropException e = assertLocalCapacity(f, "outcrop.bedrock.connection-acquisition-timeout (PT0.2S)");
                assertThat(e.getMessage()).contains("outcrop.bedrock.max-concurrency (1)");
            });
            // Only the call that got the connection reached Bedrock.
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(1 + 1);
        }
    }

    @Test
    void maxPendingConnectionAcquires_aCallPastTheQueue_failsAtOnceAsLocalCapacity(BedrockEmulator emulator) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Emulated.TRANSPORT == BedrockClientConfig.Transport.NETTY,
                "the CRT client has no bound on calls waiting for a connection: outcrop.bedrock.max-pending-connection-acquires"
                        + " applies to NETTY only (documented in bedrock-client/README.md)");
        BedrockClientConfig config = config(emulator).maxConcurrency(1).maxPendingConnectionAcquires(1).maxAttempts(1)
                .connectionAcquisitionTimeout(Duration.ofSeconds(20)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());

            // One call holds the connection, one waits for it, the third finds the queue full. (No warm-up: a call
            // whose connection was not yet given back would be one more in the pool.)
            List<Throwable> failures = failures(start(runtime, 3));

            assertThat(failures).singleElement().satisfies(f -> {
                OutcropException e = assertLocalCapacity(f, "outcrop.bedrock.max-pending-connection-acquires (1)");
                assertThat(e.getMessage()).contains("outcrop.bedrock.max-concurrency (1)");
            });
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(2);
        }
    }

    private static List<CompletableFuture<InvokeModelResponse>> start(BedrockModelRuntime runtime, int count) {
        List<CompletableFuture<InvokeModelResponse>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(runtime.invokeModel(nova("call " + i)).toCompletableFuture());
        }
        return calls;
    }

    /** Waits for every call; returns the failures, checking that every other call was answered. */
    private static List<Throwable> failures(List<CompletableFuture<InvokeModelResponse>> calls) {
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(f -> null).orTimeout(60, TimeUnit.SECONDS).join();
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<InvokeModelResponse> call : calls) {
            try {
                assertThat(call.join().body()).contains("Echo: call ");
            }
            catch (CompletionException e) {
                failures.add(e.getCause());
            }
        }
        return failures;
    }

    private static OutcropException assertLocalCapacity(Throwable failure, String setting) {
        assertThat(failure).isInstanceOf(OutcropException.class).isNotInstanceOf(InvocationException.class);
        OutcropException e = (OutcropException) failure;
        assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.LOCAL_CAPACITY_EXHAUSTED.toErrorCode());
        assertThat(e.getMessage()).contains("not Bedrock's").contains(setting);
        return e;
    }
}
