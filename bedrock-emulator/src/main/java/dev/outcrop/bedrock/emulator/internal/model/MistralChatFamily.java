package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Mistral's chat-completion models (Large 2407 and later): {@code messages} in, {@code choices[]} out. */
final class MistralChatFamily extends TextFamily {
    private static final Set<String> TOP_LEVEL = Set.of("messages", "max_tokens", "temperature", "top_p", "tools",
            "tool_choice", "response_format", "stop");

    @Override
    Conversation parse(JsonNode body) {
        Check.onlyKeys(body, "#", TOP_LEVEL);
        JsonNode messages = Check.array(Check.required(body, "messages", "#"), "#/messages", 1);
        String system = "";
        List<Conversation.Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String where = "#/messages/" + i;
            JsonNode message = Check.object(messages.get(i), where);
            String role = Check.text(Check.required(message, "role", where), where + "/role");
            JsonNode content = message.get("content");
            String text = content == null || content.isNull() ? "" : Check.text(content, where + "/content");
            switch (role) {
                case "system" -> system = text;
                case "user", "assistant", "tool" -> turns.add(new Conversation.Turn(role.equals("tool") ? "user" : role, text));
                default -> throw Check.malformed(where + "/role", role + " is not a valid enum value");
            }
        }
        Integer max = Check.optionalInt(body, "max_tokens", "#", 1, 8192);
        Check.optionalNumber(body, "temperature", "#", 0, 1);
        Check.optionalNumber(body, "top_p", "#", 0, 1);
        List<String> stops = Check.optionalStrings(body, "stop", "#", 10);
        return new Conversation(system, turns, max == null ? 512 : max, stops);
    }

    @Override
    ObjectNode render(String modelId, Completion completion) {
        ObjectNode root = Json.object();
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", completion.text());
        choice.put("stop_reason", MistralTextFamily.stopReason(completion.stop()));
        return root;
    }

    @Override
    List<ObjectNode> renderStream(String modelId, Completion completion) {
        List<ObjectNode> chunks = new ArrayList<>();
        List<String> deltas = completion.deltas();
        for (int i = 0; i < deltas.size(); i++) {
            ObjectNode chunk = Json.object();
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", deltas.get(i));
            if (i == deltas.size() - 1) {
                choice.put("stop_reason", MistralTextFamily.stopReason(completion.stop()));
            } else {
                choice.putNull("stop_reason");
            }
            chunks.add(chunk);
        }
        return chunks;
    }
}
