package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockError;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The model-independent Converse / ConverseStream API: one request shape, one response shape, for every text model. */
public final class ConverseFormat {
    private static final Set<String> TOP_LEVEL = Set.of("messages", "system", "inferenceConfig", "toolConfig",
            "guardrailConfig", "additionalModelRequestFields", "additionalModelResponseFieldPaths", "promptVariables",
            "requestMetadata", "performanceConfig", "serviceTier");
    private static final int DEFAULT_MAX_TOKENS = 4096;

    private ConverseFormat() {
    }

    /** A ConverseStream event: its {@code :event-type} and JSON payload. */
    public record Event(String type, ObjectNode payload) {
    }

    public static Conversation parse(JsonNode body) {
        Iterable<String> names = body::fieldNames;
        for (String name : names) {
            if (!TOP_LEVEL.contains(name)) {
                // restJson1 services reject unknown members with a serialization error, surfaced as ValidationException.
                throw BedrockError.validation("Unexpected field: " + name);
            }
        }
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw BedrockError.validation("1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw BedrockError.validation("A conversation must start with a user message. Try again with a conversation that starts with a user message.");
        }
        List<Conversation.Turn> turns = MessagesFormat.turns(messages, "messages");
        StringBuilder system = new StringBuilder();
        JsonNode systemNode = body.get("system");
        if (systemNode != null && systemNode.isArray()) {
            for (JsonNode block : systemNode) {
                JsonNode text = block.get("text");
                if (text != null && text.isTextual()) {
                    system.append(text.asText());
                }
            }
        }
        int maxTokens = DEFAULT_MAX_TOKENS;
        List<String> stops = List.of();
        JsonNode config = body.get("inferenceConfig");
        if (config != null && config.isObject()) {
            JsonNode max = config.get("maxTokens");
            if (max != null && !max.isNull()) {
                if (!max.isIntegralNumber() || max.asLong() < 1) {
                    throw BedrockError.validation("1 validation error detected: Value '" + max.asText()
                            + "' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1");
                }
                maxTokens = (int) Math.min(Integer.MAX_VALUE, max.asLong());
            }
            checkUnit(config, "temperature");
            checkUnit(config, "topP");
            JsonNode stopNode = config.get("stopSequences");
            if (stopNode != null && stopNode.isArray()) {
                if (stopNode.size() > 4) {
                    throw BedrockError.validation("1 validation error detected: Value at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 4");
                }
                List<String> list = new ArrayList<>();
                stopNode.forEach(s -> list.add(s.asText()));
                stops = list;
            }
        }
        return new Conversation(system.toString(), turns, maxTokens, stops);
    }

    private static void checkUnit(JsonNode config, String field) {
        JsonNode v = config.get(field);
        if (v != null && !v.isNull() && (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1)) {
            throw BedrockError.validation("1 validation error detected: Value '" + v.asText() + "' at 'inferenceConfig."
                    + field + "' failed to satisfy constraint: Member must have value less than or equal to 1");
        }
    }

    public static ObjectNode response(Completion completion, long latencyMs) {
        ObjectNode root = Json.object();
        root.putObject("metrics").put("latencyMs", latencyMs);
        ObjectNode message = root.putObject("output").putObject("message");
        message.putArray("content").addObject().put("text", completion.text());
        message.put("role", "assistant");
        root.put("stopReason", MessagesFormat.stopReason(completion.stop()));
        usage(root.putObject("usage"), completion);
        return root;
    }

    public static List<Event> streamEvents(Completion completion, long latencyMs) {
        List<Event> events = new ArrayList<>();
        events.add(new Event("messageStart", obj(Map.of("role", "assistant"))));
        for (String delta : completion.deltas()) {
            ObjectNode payload = Json.object();
            payload.put("contentBlockIndex", 0);
            payload.putObject("delta").put("text", delta);
            events.add(new Event("contentBlockDelta", payload));
        }
        ObjectNode blockStop = Json.object();
        blockStop.put("contentBlockIndex", 0);
        events.add(new Event("contentBlockStop", blockStop));
        events.add(new Event("messageStop", obj(Map.of("stopReason", MessagesFormat.stopReason(completion.stop())))));
        ObjectNode metadata = Json.object();
        metadata.putObject("metrics").put("latencyMs", latencyMs);
        usage(metadata.putObject("usage"), completion);
        events.add(new Event("metadata", metadata));
        return events;
    }

    private static void usage(ObjectNode usage, Completion completion) {
        usage.put("inputTokens", completion.inputTokens());
        usage.put("outputTokens", completion.outputTokens());
        usage.put("totalTokens", completion.inputTokens() + completion.outputTokens());
    }

    private static ObjectNode obj(Map<String, String> fields) {
        ObjectNode node = Json.object();
        fields.forEach(node::put);
        return node;
    }
}
