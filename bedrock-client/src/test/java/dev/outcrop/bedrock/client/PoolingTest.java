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
        try (StsRoleAssumer sts = StsRoleAssumer.create(config(emulator).build());
             BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxConcurrency(1).build())) {
            dev.outcrop.core.port.AwsCredentials session = await(sts.assumeRole(new dev.outcrop.core.port.AssumeRoleRequest(
                    dev.outcrop.bedrock.emulator.EmulatorConfig.BEDROCK_ACCESS_ROLE, null, "pool", java.time.Duration.ofHours(1), Emulated.REGION, DEPLOYMENT)));
            long before = emulator.connectionsOpened();

            await(runtime.invokeModel(nova("a")));
            await(runtime.invokeModel(new dev.outcrop.core.port.InvokeModelRequest(Emulated.NOVA, Emulated.novaBody("b"), Emulated.REGION, session)));
            await(runtime.invokeModel(nova("c")));

            assertThat(emulator.calls("InvokeModel")).extracting(c -> c.accessKeyId()).hasSize(3).doesNotContainNull().containsOnlyOnce(session.accessKeyId());
            assertThat(emulator.connectionsOpened() - before).isEqualTo(1);
        }
    }

    @Test
    void http2_callsSucceedOverH2c_withinThePool(BedrockEmulator emulator) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Emulated.TRANSPORT == BedrockClientConfig.Transport.NETTY,
                "the CRT transport speaks HTTP/1.1 only, and its config refuses HTTP/2 (BedrockClientConfigTest)");
        BedrockClientConfig config = config(emulator).protocol(BedrockClientConfig.Protocol.HTTP2).maxConcurrency(20).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            // Calls started before the first connection has its SETTINGS each open one; after that they multiplex.
            await(runtime.invokeModel(nova("warm up")));
            long before = emulator.connectionsOpened();
            List<CompletableFuture<InvokeModelResponse>> calls = RetryAndTimeoutTest.runAtConcurrency(200, 20, i -> runtime.invokeModel(nova("h" + i)));
            String text = await(runtime.converse(new ConverseRequest(Emulated.NOVA, "over h2", Emulated.REGION, DEPLOYMENT))).text();

            assertThat(calls).allSatisfy(call -> assertThat(call.join().body()).contains("Echo: h"));
            assertThat(text).isEqualTo("Echo: over h2");
            // Netty's h2 pool multiplexes, but calls that start together may each open a connection before the
            // first one's stream limit is known (0 to 10 extra seen here), so only the pool's bound is asserted.
            assertThat(emulator.connectionsOpened() - before).isLessThanOrEqualTo(20L);
        }
    }
}
