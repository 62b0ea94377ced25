package dev.outcrop.bedrock.client.internal.direct;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Converse's JSON, as Bedrock's REST-JSON protocol has it: one user message out, the answer's text and usage back. */
public final class ConverseJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private ConverseJson() {
    }

    /** {@code {"messages":[{"role":"user","content":[{"text":prompt}]}]}}, what the SDK sends for one user message. */
    static byte[] request(String prompt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(prompt.length() + 64);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("messages");
            json.writeStartObject();
            json.writeStringField("role", "user");
            json.writeArrayFieldStart("content");
            json.writeStartObject();
            json.writeStringField("text", prompt);
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);       // writing to memory
        }
        return out.toByteArray();
    }

    /**
     * The text blocks of {@code output.message.content}, joined, and {@code usage}; a body that is not Converse's
     * answer fails with a message that says what was missing.
     */
    public static ConverseResponse response(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        }
        catch (IOException e) {
            throw new IllegalStateException("Bedrock's Converse answer is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("Bedrock's Converse answer is not a JSON object");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : root.path("output").path("message").path("content")) {
            JsonNode part = block.get("text");
            if (part != null && part.isTextual()) {
                text.append(part.asText());
            }
        }
        JsonNode usage = root.get("usage");
        TokenUsage tokens = usage == null || !usage.isObject() ? TokenUsage.NONE
                : new TokenUsage(usage.path("inputTokens").asLong(0), usage.path("outputTokens").asLong(0), true);
        return new ConverseResponse(text.toString(), tokens);
    }
}
