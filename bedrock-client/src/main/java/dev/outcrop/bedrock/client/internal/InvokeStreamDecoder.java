package dev.outcrop.bedrock.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.core.port.StreamCompletion;
import dev.outcrop.core.port.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

/**
 * InvokeModelWithResponseStream: each chunk is the model family's own JSON. Text is read where each
 * family puts it (Anthropic, Nova, Titan, Llama, Mistral); the usage comes from the
 * {@code amazon-bedrock-invocationMetrics} that Bedrock adds to the last chunk of every stream, which is
 * also how a whole stream is told from a cut one.
 */
final class InvokeStreamDecoder implements StreamDecoder<ResponseStream> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenUsage usage;
    private String stopReason;

    @Override
    public String text(ResponseStream event) {
        if (!(event instanceof PayloadPart part) || part.bytes() == null) {
            return null;
        }
        JsonNode chunk = parse(part.bytes().asByteArrayUnsafe());
        JsonNode metrics = chunk.get("amazon-bedrock-invocationMetrics");
        if (metrics != null) {
            usage = new TokenUsage(metrics.path("inputTokenCount").asLong(0), metrics.path("outputTokenCount").asLong(0), true);
        }
        readStopReason(chunk);
        return text(chunk);
    }

    static String text(JsonNode chunk) {
        JsonNode delta = chunk.get("delta");                                  // Anthropic content_block_delta
        if (delta != null && delta.hasNonNull("text")) {
            return delta.get("text").asText();
        }
        JsonNode nova = chunk.path("contentBlockDelta").path("delta").get("text");   // Nova
        if (nova != null) {
            return nova.asText();
        }
        for (String field : new String[] {"outputText", "generation", "completion"}) {   // Titan, Llama, Claude v2
            if (chunk.hasNonNull(field)) {
                return chunk.get(field).asText();
            }
        }
        JsonNode output = chunk.path("outputs").path(0).get("text");          // Mistral text
        if (output != null) {
            return output.asText();
        }
        JsonNode choice = chunk.path("choices").path(0);                      // Mistral chat
        JsonNode content = choice.path("message").get("content");
        if (content == null) {
            content = choice.path("delta").get("content");
        }
        return content == null || content.isNull() ? null : content.asText();
    }

    private void readStopReason(JsonNode chunk) {
        String[] candidates = {
            chunk.path("delta").path("stop_reason").asText(null),
            chunk.path("messageStop").path("stopReason").asText(null),
            chunk.path("completionReason").asText(null),
            chunk.path("stop_reason").asText(null),
            chunk.path("outputs").path(0).path("stop_reason").asText(null),
            chunk.path("choices").path(0).path("stop_reason").asText(null),
        };
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty()) {
                stopReason = candidate;
                return;
            }
        }
    }

    @Override
    public StreamCompletion completion() {
        return usage == null ? null : new StreamCompletion(usage, stopReason);
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException("a response stream chunk is not JSON", e);
        }
    }
}
