package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockError;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Schema checks for model request bodies. Failures read like Bedrock's own JSON-schema messages
 * ({@code Malformed input request: #/messages/0: required key [content] not found, please reformat your input and
 * try again.}) so client code that surfaces them sees the familiar text.
 */
public final class Check {
    private Check() {
    }

    public static BedrockError malformed(String path, String problem) {
        return BedrockError.validation("Malformed input request: " + path + ": " + problem
                + ", please reformat your input and try again.");
    }

    public static JsonNode required(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            throw malformed(path, "required key [" + key + "] not found");
        }
        return v;
    }

    public static void onlyKeys(JsonNode object, String path, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw malformed(path, "extraneous key [" + name + "] is not permitted");
            }
        }
    }

    public static JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw malformed(path, "expected type: JSONObject, found: " + Json.typeName(node));
        }
        return node;
    }

    public static JsonNode array(JsonNode node, String path, int minItems) {
        if (!node.isArray()) {
            throw malformed(path, "expected type: JSONArray, found: " + Json.typeName(node));
        }
        if (node.size() < minItems) {
            throw malformed(path, "expected minimum item count: " + minItems + ", found: " + node.size());
        }
        return node;
    }

    public static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw malformed(path, "expected type: String, found: " + Json.typeName(node));
        }
        return node.asText();
    }

    public static String optionalText(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        return v == null || v.isNull() ? null : text(v, path + "/" + key);
    }

    public static Integer optionalInt(JsonNode parent, String key, String path, int min, int max) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        String where = path + "/" + key;
        if (!v.isIntegralNumber()) {
            throw malformed(where, "expected type: Integer, found: " + Json.typeName(v));
        }
        long value = v.asLong();
        if (value < min) {
            throw malformed(where, value + " is not greater or equal to " + min);
        }
        if (value > max) {
            throw malformed(where, value + " is not less or equal to " + max);
        }
        return (int) value;
    }

    public static Double optionalNumber(JsonNode parent, String key, String path, double min, double max) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        String where = path + "/" + key;
        if (!v.isNumber()) {
            throw malformed(where, "expected type: Number, found: " + Json.typeName(v));
        }
        double value = v.asDouble();
        if (value < min) {
            throw malformed(where, value + " is not greater or equal to " + min);
        }
        if (value > max) {
            throw malformed(where, value + " is not less or equal to " + max);
        }
        return value;
    }

    public static Boolean optionalBoolean(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw malformed(path + "/" + key, "expected type: Boolean, found: " + Json.typeName(v));
        }
        return v.asBoolean();
    }

    public static List<String> optionalStrings(JsonNode parent, String key, String path, int maxItems) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        String where = path + "/" + key;
        array(v, where, 0);
        if (v.size() > maxItems) {
            throw malformed(where, "expected maximum item count: " + maxItems + ", found: " + v.size());
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(text(v.get(i), where + "/" + i));
        }
        return out;
    }
}
