package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.DEPLOYMENT;
import static dev.outcrop.bedrock.client.Emulated.NOVA;
import static dev.outcrop.bedrock.client.Emulated.REGION;
import static dev.outcrop.bedrock.client.Emulated.await;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.nova;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            String directThread = await(direct.invokeModel(nova("a")).thenApply(r -> Thread.currentThread().getName()));
            String pooledThread = await(pooled.invokeModel(nova("b")).thenApply(r -> Thread.currentThread().getName()));

            assertThat(directThread).startsWith(Emulated.ioThreadPrefix());
            assertThat(pooledThread).startsWith("sdk-async-response");
        }
    }

    @Test
    void create_refusesNullConfig() {
        assertThatThrownBy(() -> BedrockModelRuntime.create(null)).isInstanceOf(NullPointerException.class).hasMessage("config is null");
    }
}
