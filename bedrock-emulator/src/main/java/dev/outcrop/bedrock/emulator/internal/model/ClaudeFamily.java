package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockError;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Anthropic Claude through Bedrock: the Messages API with {@code anthropic_version: bedrock-2023-05-31}. */
final class ClaudeFamily extends TextFamily {
    private static final Set<String> TOP_LEVEL = Set.of("anthropic_version", "anthropic_beta", "max_tokens", "system",
            "messages", "temperature", "top_p", "top_k", "stop_sequences", "tools", "tool_choice", "metadata",
            "thinking");
    private static final int MAX_OUTPUT = 128_000;

    @Override
    Conversation parse(JsonNode body) {
        Check.onlyKeys(body, "#", TOP_LEVEL);
        String version = Check.text(Check.required(body, "anthropic_version", "#"), "#/anthropic_version");
        if (!version.equals("bedrock-2023-05-31")) {
            throw BedrockError.validation("Malformed input request: #/anthropic_version: " + version
                    + " is not a valid enum value, please reformat your input and try again.");
        }
        Integer maxTokens = Check.optionalInt(body, "max_tokens", "#", 1, MAX_OUTPUT);
        if (maxTokens == null) {
            throw Check.malformed("#", "required key [max_tokens] not found");
        }
        Check.optionalNumber(body, "temperature", "#", 0, 1);
        Check.optionalNumber(body, "top_p", "#", 0, 1);
        Check.optionalInt(body, "top_k", "#", 0, 500);
        List<String> stops = Check.optionalStrings(body, "stop_sequences", "#", 8191);
        String system = "";
        JsonNode systemNode = body.get("system");
        if (systemNode != null && !systemNode.isNull()) {
            system = systemNode.isTextual() ? systemNode.asText() : blocksText(systemNode, "#/system");
        }
        JsonNode messages = Check.array(Check.required(body, "messages", "#"), "#/messages", 1);
        List<Conversation.Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String where = "#/messages/" + i;
            JsonNode message = Check.object(messages.get(i), where);
            String role = Check.text(Check.required(message, "role", where), where + "/role");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw Check.malformed(where + "/role", role + " is not a valid enum value");
            }
            JsonNode content = Check.required(message, "content", where);
            String text = content.isTextual() ? content.asText() : blocksText(content, where + "/content");
            turns.add(new Conversation.Turn(role, text));
        }
        if (!turns.get(0).role().equals("user")) {
            throw BedrockError.validation("messages: first message must use the \"user\" role");
        }
        return new Conversation(system, turns, maxTokens, stops);
    }

    /** Text of content blocks; blocks of other types (image, tool_use ...) are accepted and contribute no text. */
    private static String blocksText(JsonNode blocks, String path) {
        Check.array(blocks, path, 0);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = Check.object(blocks.get(i), path + "/" + i);
            String type = Check.text(Check.required(block, "type", path + "/" + i), path + "/" + i + "/type");
            if (type.equals("text")) {
                sb.append(Check.text(Check.required(block, "text", path + "/" + i), path + "/" + i + "/text"));
            }
        }
        return sb.toString();
    }

    @Override
    ObjectNode render(String modelId, Completion completion) {
        ObjectNode root = Json.object();
        root.put("id", messageId(completion));
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", modelName(modelId));
        ObjectNode block = root.putArray("content").addObject();
        block.put("type", "text");
        block.put("text", completion.text());
        root.put("stop_reason", stopReason(completion.stop()));
        if (completion.stopSequence() == null) {
            root.putNull("stop_sequence");
        } else {
            root.put("stop_sequence", completion.stopSequence());
        }
        ObjectNode usage = root.putObject("usage");
        usage.put("input_tokens", completion.inputTokens());
        usage.put("output_tokens", completion.outputTokens());
        return root;
    }

    @Override
    List<ObjectNode> renderStream(String modelId, Completion completion) {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode start = Json.object();
        start.put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", messageId(completion));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", modelName(modelId));
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode startUsage = message.putObject("usage");
        startUsage.put("input_tokens", completion.inputTokens());
        startUsage.put("output_tokens", 1);
        chunks.add(start);
        ObjectNode blockStart = Json.object();
        blockStart.put("type", "content_block_start");
        blockStart.put("index", 0);
        ObjectNode emptyBlock = blockStart.putObject("content_block");
        emptyBlock.put("type", "text");
        emptyBlock.put("text", "");
        chunks.add(blockStart);
        for (String delta : completion.deltas()) {
            ObjectNode chunk = Json.object();
            chunk.put("type", "content_block_delta");
            chunk.put("index", 0);
            ObjectNode d = chunk.putObject("delta");
            d.put("type", "text_delta");
            d.put("text", delta);
            chunks.add(chunk);
        }
        ObjectNode blockStop = Json.object();
        blockStop.put("type", "content_block_stop");
        blockStop.put("index", 0);
        chunks.add(blockStop);
        ObjectNode messageDelta = Json.object();
        messageDelta.put("type", "message_delta");
        ObjectNode d = messageDelta.putObject("delta");
        d.put("stop_reason", stopReason(completion.stop()));
        if (completion.stopSequence() == null) {
            d.putNull("stop_sequence");
        } else {
            d.put("stop_sequence", completion.stopSequence());
        }
        messageDelta.putObject("usage").put("output_tokens", completion.outputTokens());
        chunks.add(messageDelta);
        ObjectNode stop = Json.object();
        stop.put("type", "message_stop");
        chunks.add(stop);
        return chunks;
    }

    private static String stopReason(Completion.Stop stop) {
        return switch (stop) {
            case END_TURN -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
        };
    }

    /** {@code anthropic.claude-3-haiku-20240307-v1:0} answers as model {@code claude-3-haiku-20240307}. */
    static String modelName(String modelId) {
        String name = modelId.startsWith("anthropic.") ? modelId.substring("anthropic.".length()) : modelId;
        return name.replaceFirst("-v\\d+(:\\d+)?$", "");
    }

    /** Deterministic {@code msg_bdrk_} id derived from the answer, so equal requests get equal responses. */
    private static String messageId(Completion completion) {
        return "msg_bdrk_" + Ids.base62(completion.text() + "|" + completion.inputTokens(), 24);
    }
}
