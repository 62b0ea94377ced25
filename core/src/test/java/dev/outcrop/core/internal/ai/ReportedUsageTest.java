package dev.outcrop.core.internal.ai;


import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.port.TokenUsage;
import org.junit.jupiter.api.Test;

/** Bodies as Bedrock's model families send them (shapes from captured responses). */
final class ReportedUsageTest {

    @Test
    void nova() {
        assertThat(ReportedUsage.fromBody("{\"output\":{\"message\":{\"content\":[{\"text\":\"Hi\"}],\"role\":\"assistant\"}},\"stopReason\":\"end_turn\","
                + "\"usage\":{\"inputTokens\":13,\"outputTokens\":3,\"totalTokens\":16,\"cacheReadInputTokenCount\":0}}"))
                .isEqualTo(new TokenUsage(13, 3, true));
    }

    @Test
    void claude() {
        assertThat(ReportedUsage.fromBody("{\"id\":\"msg_bdrk_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
                + "\"usage\":{\"input_tokens\":38,\"output_tokens\":246}}")).isEqualTo(new TokenUsage(38, 246, true));
    }

    @Test
    void titanText_sumsTheResultsTokenCounts() {
        assertThat(ReportedUsage.fromBody("{\"inputTextTokenCount\":6,\"results\":[{\"tokenCount\":42,\"outputText\":\"x\",\"completionReason\":\"FINISH\"}]}"))
                .isEqualTo(new TokenUsage(6, 42, true));
    }

    @Test
    void titanEmbeddings() {
        assertThat(ReportedUsage.fromBody("{\"embedding\":[-0.094,0.078],\"embeddingsByType\":{\"float\":[-0.094,0.078]},\"inputTextTokenCount\":3}"))
                .isEqualTo(new TokenUsage(3, 0, true));
    }

    @Test
    void llama() {
        assertThat(ReportedUsage.fromBody("{\"generation\":\"Hello!\",\"prompt_token_count\":6,\"generation_token_count\":18,\"stop_reason\":\"length\"}"))
                .isEqualTo(new TokenUsage(6, 18, true));
    }

    @Test
    void streamMetrics() {
        assertThat(ReportedUsage.fromBody("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":12,\"outputTokenCount\":100}}"))
                .isEqualTo(new TokenUsage(12, 100, true));
    }

    @Test
    void mistralAndBrokenBodies_reportNothing_andAreEstimated() {
        assertThat(ReportedUsage.fromBody("{\"outputs\":[{\"text\":\"...\",\"stop_reason\":\"stop\"}]}")).isNull();
        assertThat(ReportedUsage.fromBody("not json")).isNull();
        assertThat(AiServices.usageOf("12345678", "1234", null)).isEqualTo(new TokenUsage(2, 1, false));
        assertThat(AiServices.usageOf("x", "{\"usage\":{\"inputTokens\":1,\"outputTokens\":2}}", new TokenUsage(7, 8, true)))
                .as("the headers win").isEqualTo(new TokenUsage(7, 8, true));
    }
}
