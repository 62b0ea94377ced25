package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.DEPLOYMENT;
import static dev.outcrop.bedrock.client.Emulated.NOVA;
import static dev.outcrop.bedrock.client.Emulated.REGION;
import static dev.outcrop.bedrock.client.Emulated.await;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.nova;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.RecordedCall;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.TokenUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BedrockEmulatorExtension.class)
final class BedrockModelRuntimeTest {

    @Test
    void invokeModel_returnsBodyUnchangedAndUsageFromHeaders(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            InvokeModelResponse response = await(runtime.invokeModel(nova("hello there")));

            assertThat(response.body()).contains("\"text\":\"Echo: hello there\"");
            // 11 characters of prompt -> ceil(11/4) = 3 input tokens; "Echo: hello there" = 17 -> 5 output tokens.
            assertThat(response.usage()).isEqualTo(new TokenUsage(3, 5, true));
            RecordedCall call = emulator.calls("InvokeModel").get(0);
            assertThat(call.accessKeyId()).isEqualTo(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID);
            assertThat(call.signatureValid()).isTrue();
            assertThat(call.modelId()).isEqualTo(NOVA);
        }
    }

    @Test
    void invokeModel_forwardsInferenceProfileIds(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            InvokeModelResponse response = await(runtime.invokeModel(new InvokeModelRequest("us." + NOVA, Emulated.novaBody("hi"), REGION, DEPLOYMENT)));

            assertThat(response.body()).contains("Echo: hi");
            assertThat(emulator.calls("InvokeModel").get(0).modelId()).isEqualTo("us." + NOVA);
        }
    }

    @Test
    void converse_returnsTheTextAndReportedUsage(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            ConverseResponse response = await(runtime.converse(new ConverseRequest(Emulated.CLAUDE, "what is two plus two", REGION, DEPLOYMENT)));

            assertThat(response.text()).isEqualTo("Echo: what is two plus two");
            assertThat(response.usage().reported()).isTrue();
            assertThat(response.usage().outputTokens()).isEqualTo((response.text().length() + 3) / 4);
            assertThat(emulator.callCount("Converse")).isEqualTo(1);
        }
    }

    @Test
    void clients_oneClientPerRegionAndEndpoint_sharedByAllCredentials(BedrockEmulator emulator) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Emulated.TRANSPORT != BedrockClientConfig.Transport.DIRECT,
                "DIRECT makes unary calls without SDK clients: see direct_unaryCallsBuildNoSdkClient_streamsDo");
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            await(runtime.invokeModel(nova("a")));
            await(runtime.invokeModel(new InvokeModelRequest(NOVA, Emulated.novaBody("b"), REGION,
                    dev.outcrop.core.port.AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY))));
            assertThat(runtime.clientCount()).isEqualTo(1);

            await(runtime.invokeModel(new InvokeModelRequest(NOVA, Emulated.novaBody("c"), "eu-west-1", DEPLOYMENT)));
            assertThat(runtime.clientCount()).isEqualTo(2);
        }
    }

    @Test
    void direct_unaryCallsBuildNoSdkClient_streamsDo(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).transport(BedrockClientConfig.Transport.DIRECT).build())) {
            assertThat(await(runtime.invokeModel(nova("a"))).body()).contains("Echo: a");
            assertThat(await(runtime.converse(new ConverseRequest(NOVA, "b", REGION, DEPLOYMENT))).text()).isEqualTo("Echo: b");
            assertThat(runtime.clientCount()).isZero();

            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            runtime.converseStream(new ConverseRequest(NOVA, "c", REGION, DEPLOYMENT)).subscribe(subscriber);
            assertThat(subscriber.awaitEnd()).isNull();
            assertThat(subscriber.text()).isEqualTo("Echo: c");
            assertThat(runtime.clientCount()).isEqualTo(1);
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(1);
            assertThat(emulator.callCount("Converse")).isEqualTo(1);
        }
    }

    @Test
    void close_closesTheClients_laterCallsFailWithAMessage(BedrockEmulator emulator) {
        BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build());
        await(runtime.invokeModel(nova("a")));
        runtime.close();

        assertThat(runtime.clientCount()).isZero();
        assertThat(Emulated.failure(runtime.invokeModel(nova("b"))).getMessage()).contains("closed");
    }

    @Test
    void completions_runOnTheIoThreadOrTheSdkPool_asConfigured(BedrockEmulator emulator) {
        try (BedrockModelRuntime direct = BedrockModelRuntime.create(config(emulator).build());
             BedrockModelRuntime pooled = BedrockModelRuntime.create(config(emulator).completeOnIoThread(false).build())) {
            String directThread = completingThread(() -> direct.invokeModel(nova("a")));
            String pooledThread = completingThread(() -> pooled.invokeModel(nova("b")));

            assertThat(directThread).startsWith(Emulated.ioThreadPrefix());
            assertThat(pooledThread).startsWith(Emulated.TRANSPORT == BedrockClientConfig.Transport.DIRECT
                    ? "outcrop-bedrock-completions" : "sdk-async-response");
        }
    }

    /**
     * The thread that runs a stage added to the call's stage. A call that completed before the stage was added runs it
     * on the caller's thread, which says nothing about the completing thread (it happens when the emulator answers
     * faster than the caller gets to {@code thenApply}), so such a call is made again.
     */
    private static String completingThread(java.util.function.Supplier<java.util.concurrent.CompletionStage<?>> call) {
        String caller = Thread.currentThread().getName();
        for (int attempt = 0; attempt < 50; attempt++) {
            String thread = await(call.get().thenApply(ignored -> Thread.currentThread().getName()));
            if (!thread.equals(caller)) {
                return thread;
            }
        }
        throw new AssertionError("each of 50 calls completed before a stage could be added to it");
    }

    @Test
    void create_refusesNullConfig() {
        assertThatThrownBy(() -> BedrockModelRuntime.create(null)).isInstanceOf(NullPointerException.class).hasMessage("config is null");
    }
}
