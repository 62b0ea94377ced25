package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockError;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.List;
import java.util.Set;

/** Amazon Titan Text Embeddings: V2 (dimensions 256/512/1024, normalize, embeddingTypes) and G1 (1536, text only). */
final class TitanEmbedFamily extends EmbeddingFamily {
    private static final Set<String> V2_KEYS = Set.of("inputText", "dimensions", "normalize", "embeddingTypes");
    private static final Set<Integer> V2_DIMENSIONS = Set.of(256, 512, 1024);
    private static final int MAX_INPUT_TOKENS = 8192;

    private final boolean v2;

    TitanEmbedFamily(boolean v2) {
        this.v2 = v2;
    }

    @Override
    public Invocation invoke(String modelId, JsonNode body) {
        Check.onlyKeys(body, "#", v2 ? V2_KEYS : Set.of("inputText"));
        String text = Check.text(Check.required(body, "inputText", "#"), "#/inputText");
        if (text.isEmpty()) {
            throw Check.malformed("#/inputText", "expected minLength: 1, actual: 0");
        }
        int tokens = Tokens.count(text);
        if (tokens > MAX_INPUT_TOKENS) {
            throw BedrockError.validation("400 Bad Request: Too many input tokens. Max input tokens: "
                    + MAX_INPUT_TOKENS + ", request input token count: " + tokens);
        }
        int dimensions = 1536;
        boolean normalize = true;
        List<String> types = List.of("float");
        if (v2) {
            Integer d = Check.optionalInt(body, "dimensions", "#", 1, 1024);
            if (d != null && !V2_DIMENSIONS.contains(d)) {
                throw Check.malformed("#/dimensions", d + " is not a valid enum value");
            }
            dimensions = d == null ? 1024 : d;
            Boolean n = Check.optionalBoolean(body, "normalize", "#");
            normalize = n == null || n;
            List<String> requested = Check.optionalStrings(body, "embeddingTypes", "#", 2);
            for (String type : requested) {
                if (!type.equals("float") && !type.equals("binary")) {
                    throw Check.malformed("#/embeddingTypes", type + " is not a valid enum value");
                }
            }
            if (!requested.isEmpty()) {
                types = requested;
            }
        }
        float[] unit = Embedder.embed(text, dimensions);
        float[] vector = normalize ? unit : Embedder.unnormalised(unit, text);
        ObjectNode root = Json.object();
        EmbeddingFamily.floats(root.putArray("embedding"), vector);
        root.put("inputTextTokenCount", tokens);
        if (v2) {
            ObjectNode byType = root.putObject("embeddingsByType");
            if (types.contains("float")) {
                EmbeddingFamily.floats(byType.putArray("float"), vector);
            }
            if (types.contains("binary")) {
                ArrayNode bits = byType.putArray("binary");
                for (float f : vector) {
                    bits.add(f > 0 ? 1 : 0);
                }
            }
        }
        return new Invocation(root, tokens, 0, List::of, false);
    }
}
