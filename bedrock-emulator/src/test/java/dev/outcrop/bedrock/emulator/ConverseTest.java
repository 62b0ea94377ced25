package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

@ExtendWith(BedrockEmulatorExtension.class)
class ConverseTest {

    @Test
    void converseWorksForEveryTextFamily(BedrockEmulator emulator) {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            for (String model : new String[] {"amazon.nova-micro-v1:0", "anthropic.claude-3-haiku-20240307-v1:0",
                    "meta.llama3-8b-instruct-v1:0", "mistral.mistral-large-2407-v1:0", "amazon.titan-text-express-v1"}) {
                ConverseResponse response = client.converse(r -> r.modelId(model)
                        .system(SystemContentBlock.fromText("You are terse."))
                        .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("What is obsidian?")).build())
                        .inferenceConfig(i -> i.maxTokens(100).temperature(0.2f)));
                assertThat(response.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
                assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: What is obsidian?");
                assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
                // "You are terse." 14 -> 4, "What is obsidian?" 17 -> 5
                assertThat(response.usage().inputTokens()).isEqualTo(9);
                assertThat(response.usage().outputTokens()).isEqualTo(6);
                assertThat(response.usage().totalTokens()).isEqualTo(15);
                assertThat(response.metrics().latencyMs()).isPositive();
            }
        }
        assertThat(emulator.callCount("Converse")).isEqualTo(5);
    }

    @Test
    void converseHonoursMaxTokensAndStopSequences(BedrockEmulator emulator) {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            ConverseResponse cut = client.converse(r -> r.modelId("amazon.nova-lite-v1:0")
                    .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("a b c d e f g h i j k")).build())
                    .inferenceConfig(i -> i.maxTokens(2)));
            assertThat(cut.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
            assertThat(cut.usage().outputTokens()).isEqualTo(2);
            ConverseResponse stopped = client.converse(r -> r.modelId("amazon.nova-lite-v1:0")
                    .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("alpha END beta")).build())
                    .inferenceConfig(i -> i.stopSequences("END")));
            assertThat(stopped.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
            assertThat(stopped.output().message().content().get(0).text()).isEqualTo("Echo: alpha ");
        }
    }

    @Test
    void converseRefusesEmbeddingModelsAndBadConversations(BedrockEmulator emulator) {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            assertThatThrownBy(() -> client.converse(r -> r.modelId("amazon.titan-embed-text-v2:0")
                    .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("x")).build())))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("doesn't support the model");
            assertThatThrownBy(() -> client.converse(r -> r.modelId("amazon.nova-micro-v1:0")
                    .messages(Message.builder().role(ConversationRole.ASSISTANT).content(ContentBlock.fromText("x")).build())))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("must start with a user message");
        }
    }
}
