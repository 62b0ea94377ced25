package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Amazon Nova Micro/Lite/Pro/Premier: the messages-v1 schema. */
final class NovaFamily extends TextFamily {
    private static final Set<String> TOP_LEVEL =
            Set.of("schemaVersion", "system", "messages", "inferenceConfig", "toolConfig");
    private static final Set<String> INFERENCE_CONFIG = Set.of("maxTokens", "max_new_tokens", "temperature", "topP",
            "top_p", "topK", "top_k", "stopSequences", "reasoningConfig");
    static final int DEFAULT_MAX_TOKENS = 5000;

    @Override
    Conversation parse(JsonNode body) {
        Check.onlyKeys(body, "#", TOP_LEVEL);
        String schema = Check.optionalText(body, "schemaVersion", "#");
        if (schema != null && !schema.equals("messages-v1")) {
            throw Check.malformed("#/schemaVersion", schema + " is not a valid enum value");
        }
        StringBuilder system = new StringBuilder();
        JsonNode systemNode = body.get("system");
        if (systemNode != null && !systemNode.isNull()) {
            Check.array(systemNode, "#/system", 0);
            for (int i = 0; i < systemNode.size(); i++) {
                JsonNode block = Check.object(systemNode.get(i), "#/system/" + i);
                system.append(Check.text(Check.required(block, "text", "#/system/" + i), "#/system/" + i + "/text"));
            }
        }
        JsonNode messages = Check.array(Check.required(body, "messages", "#"), "#/messages", 1);
        List<Conversation.Turn> turns = MessagesFormat.turns(messages, "#/messages");
        int maxTokens = DEFAULT_MAX_TOKENS;
        List<String> stops = List.of();
        JsonNode config = body.get("inferenceConfig");
        if (config != null && !config.isNull()) {
            Check.object(config, "#/inferenceConfig");
            Check.onlyKeys(config, "#/inferenceConfig", INFERENCE_CONFIG);
            Integer max = Check.optionalInt(config, "maxTokens", "#/inferenceConfig", 1, 10_000);
            Integer legacyMax = Check.optionalInt(config, "max_new_tokens", "#/inferenceConfig", 1, 10_000);
            maxTokens = max != null ? max : legacyMax != null ? legacyMax : DEFAULT_MAX_TOKENS;
            Check.optionalNumber(config, "temperature", "#/inferenceConfig", 0, 1);
            Check.optionalNumber(config, "topP", "#/inferenceConfig", 0, 1);
            Check.optionalNumber(config, "top_p", "#/inferenceConfig", 0, 1);
            Check.optionalInt(config, "topK", "#/inferenceConfig", 0, 128);
            Check.optionalInt(config, "top_k", "#/inferenceConfig", 0, 128);
            stops = Check.optionalStrings(config, "stopSequences", "#/inferenceConfig", 4);
        }
        return new Conversation(system.toString(), turns, maxTokens, stops);
    }

    @Override
    ObjectNode render(String modelId, Completion completion) {
        ObjectNode root = Json.object();
        ObjectNode message = root.putObject("output").putObject("message");
        message.putArray("content").addObject().put("text", completion.text());
        message.put("role", "assistant");
        root.put("stopReason", MessagesFormat.stopReason(completion.stop()));
        ObjectNode usage = root.putObject("usage");
        usage.put("inputTokens", completion.inputTokens());
        usage.put("outputTokens", completion.outputTokens());
        usage.put("totalTokens", completion.inputTokens() + completion.outputTokens());
        usage.put("cacheReadInputTokenCount", 0);
        usage.put("cacheWriteInputTokenCount", 0);
        return root;
    }

    @Override
    List<ObjectNode> renderStream(String modelId, Completion completion) {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode start = Json.object();
        start.putObject("messageStart").put("role", "assistant");
        chunks.add(start);
        List<String> deltas = completion.deltas();
        for (int i = 0; i < deltas.size(); i++) {
            // Nova Micro closes a content block after every delta and opens the next with a new index (captured).
            ObjectNode delta = Json.object();
            ObjectNode body = delta.putObject("contentBlockDelta");
            body.putObject("delta").put("text", deltas.get(i));
            body.put("contentBlockIndex", i);
            chunks.add(delta);
            ObjectNode stop = Json.object();
            stop.putObject("contentBlockStop").put("contentBlockIndex", i);
            chunks.add(stop);
        }
        ObjectNode stop = Json.object();
        stop.putObject("messageStop").put("stopReason", MessagesFormat.stopReason(completion.stop()));
        chunks.add(stop);
        ObjectNode metadata = Json.object();
        ObjectNode meta = metadata.putObject("metadata");
        ObjectNode usage = meta.putObject("usage");
        usage.put("inputTokens", completion.inputTokens());
        usage.put("outputTokens", completion.outputTokens());
        usage.put("cacheReadInputTokenCount", 0);
        usage.put("cacheWriteInputTokenCount", 0);
        meta.putObject("metrics");
        meta.putObject("trace");
        chunks.add(metadata);
        return chunks;
    }

    @Override
    boolean reportsCacheTokens() {
        return true;
    }
}
