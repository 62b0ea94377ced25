package dev.outcrop.core.internal.ai;


import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.outcrop.core.port.TokenUsage;
import java.io.IOException;

/**
 * Reads the token counts a model family puts in its response body, for when Bedrock's token headers
 * are missing: Nova and Converse ({@code usage.inputTokens}/{@code outputTokens}), Claude
 * ({@code usage.input_tokens}/{@code output_tokens}), Titan ({@code inputTextTokenCount},
 * {@code results[].tokenCount}), Llama ({@code prompt_token_count}/{@code generation_token_count}) and
 * the {@code amazon-bedrock-invocationMetrics} of a stream's last chunk. Mistral and Cohere report
 * none in the body; their calls are estimated.
 */
public final class ReportedUsage {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ReportedUsage() {
    }

    /** The usage in the body, or null when it reports none (or is not JSON). */
    static TokenUsage fromBody(String body) {
        long input = -1;
        long output = -1;
        long titanOutput = 0;
        boolean sawTitanOutput = false;
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value != JsonToken.VALUE_NUMBER_INT) {
                    continue;
                }
                long number = parser.getLongValue();
                switch (name) {
                    case "inputTokens", "input_tokens", "inputTextTokenCount", "prompt_token_count", "inputTokenCount" -> {
                        if (input < 0) {
                            input = number;
                        }
                    }
                    case "outputTokens", "output_tokens", "generation_token_count", "outputTokenCount" -> {
                        if (output < 0) {
                            output = number;
                        }
                    }
                    case "tokenCount" -> {
                        titanOutput += number;
                        sawTitanOutput = true;
                    }
                    default -> {
                    }
                }
            }
        }
        catch (IOException e) {
            return null;
        }
        if (output < 0 && sawTitanOutput) {
            output = titanOutput;
        }
        if (input < 0 && output < 0) {
            return null;
        }
        return new TokenUsage(Math.max(0, input), Math.max(0, output), true);
    }
}
