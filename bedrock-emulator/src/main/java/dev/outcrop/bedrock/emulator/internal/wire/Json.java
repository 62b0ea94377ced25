package dev.outcrop.bedrock.emulator.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one shared ObjectMapper, and JSON reading that turns any parse failure into Bedrock's ValidationException. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Bodies may legitimately be up to 25 MB of JSON; keep nesting bounded so hostile input cannot blow the stack.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxStringLength(30_000_000).maxDocumentLength(30_000_000L).build());
    }

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses a request body that must be a JSON object. */
    public static JsonNode parseBody(byte[] body) {
        if (body.length == 0) {
            throw BedrockError.validation("Malformed input request, please reformat your input and try again.");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw BedrockError.validation("Malformed input request: #: expected type: JSONObject, found: "
                        + (node == null ? "Null" : typeName(node)) + ", please reformat your input and try again.");
            }
            return node;
        } catch (IOException e) {
            throw BedrockError.validation("Malformed input request, please reformat your input and try again.");
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    public static String typeName(JsonNode node) {
        if (node.isObject()) {
            return "JSONObject";
        }
        if (node.isArray()) {
            return "JSONArray";
        }
        if (node.isTextual()) {
            return "String";
        }
        if (node.isIntegralNumber()) {
            return "Integer";
        }
        if (node.isNumber()) {
            return "BigDecimal";
        }
        if (node.isBoolean()) {
            return "Boolean";
        }
        return "Null";
    }
}
