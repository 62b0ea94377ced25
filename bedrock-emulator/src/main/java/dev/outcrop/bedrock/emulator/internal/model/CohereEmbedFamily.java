package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Cohere Embed v3 (English, multilingual): up to 96 texts per call, 1024 dimensions, optional quantised types. */
final class CohereEmbedFamily extends EmbeddingFamily {
    private static final Set<String> KEYS = Set.of("texts", "input_type", "truncate", "embedding_types", "images");
    private static final Set<String> INPUT_TYPES = Set.of("search_document", "search_query", "classification", "clustering");
    private static final Set<String> TRUNCATE = Set.of("NONE", "START", "END");
    private static final Set<String> TYPES = Set.of("float", "int8", "uint8", "binary", "ubinary");
    private static final int DIMENSIONS = 1024;
    private static final int MAX_CHARS = 2048;

    @Override
    public Invocation invoke(String modelId, JsonNode body) {
        Check.onlyKeys(body, "#", KEYS);
        JsonNode textsNode = Check.array(Check.required(body, "texts", "#"), "#/texts", 0);
        if (textsNode.size() > 96) {
            throw Check.malformed("#/texts", "expected maximum item count: 96, found: " + textsNode.size());
        }
        String inputType = Check.text(Check.required(body, "input_type", "#"), "#/input_type");
        if (!INPUT_TYPES.contains(inputType)) {
            throw Check.malformed("#/input_type", inputType + " is not a valid enum value");
        }
        String truncate = Check.optionalText(body, "truncate", "#");
        if (truncate != null && !TRUNCATE.contains(truncate)) {
            throw Check.malformed("#/truncate", truncate + " is not a valid enum value");
        }
        List<String> types = Check.optionalStrings(body, "embedding_types", "#", 5);
        for (String type : types) {
            if (!TYPES.contains(type)) {
                throw Check.malformed("#/embedding_types", type + " is not a valid enum value");
            }
        }
        List<String> texts = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < textsNode.size(); i++) {
            String text = Check.text(textsNode.get(i), "#/texts/" + i);
            if (text.length() > MAX_CHARS) {
                if (truncate == null || truncate.equals("NONE")) {
                    throw Check.malformed("#/texts/" + i, "expected maxLength: " + MAX_CHARS + ", actual: " + text.length());
                }
                text = truncate.equals("START") ? text.substring(text.length() - MAX_CHARS) : text.substring(0, MAX_CHARS);
            }
            texts.add(text);
            tokens += Tokens.count(text);
        }
        List<float[]> vectors = new ArrayList<>();
        for (String text : texts) {
            vectors.add(Embedder.embed(text, DIMENSIONS));
        }
        ObjectNode root = Json.object();
        root.put("id", Ids.uuid(String.join("\u0000", texts) + "|" + inputType));
        if (types.isEmpty()) {
            ArrayNode embeddings = root.putArray("embeddings");
            vectors.forEach(v -> EmbeddingFamily.floats(embeddings.addArray(), v));
            root.put("response_type", "embeddings_floats");
        } else {
            ObjectNode byType = root.putObject("embeddings");
            for (String type : types) {
                ArrayNode list = byType.putArray(type);
                for (float[] v : vectors) {
                    quantise(list.addArray(), v, type);
                }
            }
            root.put("response_type", "embeddings_by_type");
        }
        ArrayNode echoed = root.putArray("texts");
        texts.forEach(echoed::add);
        return new Invocation(root, tokens, 0, List::of, false);
    }

    private static void quantise(ArrayNode out, float[] v, String type) {
        switch (type) {
            case "float" -> EmbeddingFamily.floats(out, v);
            case "int8" -> {
                for (float f : v) {
                    out.add(Math.round(Math.max(-1f, Math.min(1f, f * 8f)) * 127f));
                }
            }
            case "uint8" -> {
                for (float f : v) {
                    out.add(Math.round((Math.max(-1f, Math.min(1f, f * 8f)) + 1f) * 127.5f));
                }
            }
            default -> {
                // binary / ubinary: one bit per dimension (positive = 1), packed eight to a byte.
                boolean signed = type.equals("binary");
                for (int i = 0; i < v.length; i += 8) {
                    int b = 0;
                    for (int j = 0; j < 8; j++) {
                        b = (b << 1) | (v[i + j] > 0 ? 1 : 0);
                    }
                    out.add(signed ? (byte) b : b);
                }
            }
        }
    }
}
