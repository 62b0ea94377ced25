package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;

/** The Netty async client, both over the HTTP/2 (h2c) default the SDK picks for Bedrock and pinned to HTTP/1.1. */
@ExtendWith(BedrockEmulatorExtension.class)
class AsyncClientTest {
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"over netty\"}]}]}";
    /** One client with the SDK's own protocol choice for the class: closing a Netty client takes seconds. */
    private static BedrockRuntimeAsyncClient client;

    @org.junit.jupiter.api.BeforeAll
    static void connect(BedrockEmulator emulator) {
        client = Clients.bedrockAsync(emulator.endpoint(), Clients.deployment());
    }

    @org.junit.jupiter.api.AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void sdkDefaultProtocolWorks(BedrockEmulator emulator) {
        String text = client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                .body(SdkBytes.fromUtf8String(BODY))).join().body().asUtf8String();
        assertThat(text).contains("\"text\":\"Echo: over netty\"");
        assertThat(emulator.calls()).singleElement().satisfies(c -> {
            assertThat(c.signatureValid()).isTrue();
            assertThat(c.status()).isEqualTo(200);
        });
    }

    @Test
    void http2PriorKnowledgeAndHttp11BothVerifySignatures(BedrockEmulator emulator) {
        for (Protocol protocol : new Protocol[] {Protocol.HTTP2, Protocol.HTTP1_1}) {
            try (BedrockRuntimeAsyncClient pinned = Clients.bedrockAsync(emulator.endpoint(), Clients.deployment(),
                    protocol)) {
                String text = pinned.invokeModel(r -> r.modelId("amazon.nova-lite-v1:0")
                        .body(SdkBytes.fromUtf8String(BODY))).join().body().asUtf8String();
                assertThat(text).as("over %s", protocol).contains("Echo: over netty");
            }
        }
        assertThat(emulator.calls()).hasSize(2).allMatch(RecordedCall::succeeded);
    }

    @Test
    void errorsArriveAsTypedExceptions() {
        assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("meta.nothing-v1:0")
                .body(SdkBytes.fromUtf8String(BODY))).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void converseOverTheAsyncClient() {
        var response = client.converse(r -> r.modelId("anthropic.claude-3-haiku-20240307-v1:0")
                .messages(software.amazon.awssdk.services.bedrockruntime.model.Message.builder().role("user")
                        .content(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText("async?"))
                        .build())).join();
        assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: async?");
        assertThat(response.usage().inputTokens()).isEqualTo(2);
        assertThat(response.usage().outputTokens()).isEqualTo(3);
    }
}
