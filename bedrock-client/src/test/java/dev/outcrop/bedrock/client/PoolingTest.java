package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.DEPLOYMENT;
import static dev.outcrop.bedrock.client.Emulated.await;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.nova;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connections counted where they arrive, at the emulator. */
@ExtendWith(BedrockEmulatorExtension.class)
final class PoolingTest {

    @Test
    void thousandCallsAtConcurrencyFifty_openNoMoreConnectionsThanThePool(BedrockEmulator emulator) {
        long before = emulator.connectionsOpened();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxConcurrency(10).build())) {
            List<CompletableFuture<InvokeModelResponse>> calls = RetryAndTimeoutTest.runAtConcurrency(1_000, 50, i -> runtime.invokeModel(nova("n" + i)));

            assertThat(calls).allSatisfy(call -> assertThat(call).isCompleted().isNotCompletedExceptionally());
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(1_000);
            assertThat(emulator.connectionsOpened() - before).isBetween(1L, 10L);
        }
    }

    @Test
    void callsFromManyCredentials_shareOnePool(BedrockEmulator emulator) {
        long before = emulator.connectionsOpened();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxConcurrency(1).build())) {
            await(runtime.invokeModel(nova("a")));
            await(runtime.invokeModel(new dev.outcrop.core.port.InvokeModelRequest(Emulated.NOVA, Emulated.novaBody("b"), Emulated.REGION, Emulated.RESTRICTED))
                    .exceptionally(failure -> null));
            await(runtime.invokeModel(nova("c")));

            assertThat(emulator.connectionsOpened() - before).isEqualTo(1);
        }
    }

    @Test
    void http2_callsSucceedOverH2c_multiplexedOnFewConnections(BedrockEmulator emulator) {
        BedrockClientConfig config = config(emulator).protocol(BedrockClientConfig.Protocol.HTTP2).maxConcurrency(20).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            // Calls started before the first connection has its SETTINGS each open one; after that they multiplex.
            await(runtime.invokeModel(nova("warm up")));
            long before = emulator.connectionsOpened();
            List<CompletableFuture<InvokeModelResponse>> calls = RetryAndTimeoutTest.runAtConcurrency(200, 20, i -> runtime.invokeModel(nova("h" + i)));
            String text = await(runtime.converse(new ConverseRequest(Emulated.NOVA, "over h2", Emulated.REGION, DEPLOYMENT))).text();

            assertThat(calls).allSatisfy(call -> assertThat(call.join().body()).contains("Echo: h"));
            assertThat(text).isEqualTo("Echo: over h2");
            // HTTP/1.1 opens a connection per call in flight (20 here); h2 multiplexes them, though Netty's pool
            // may still open a few while a new connection's stream limit is unknown.
            assertThat(emulator.connectionsOpened() - before).isLessThan(10L);
        }
    }
}
