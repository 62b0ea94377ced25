package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockError;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code messages: [{role, content: [{text} ...]}]} shape shared by Nova's messages-v1 body and the Converse API:
 * roles alternate starting with a user turn, and only text blocks feed the reply (other block kinds are accepted).
 */
public final class MessagesFormat {
    private MessagesFormat() {
    }

    public static List<Conversation.Turn> turns(JsonNode messages, String path) {
        List<Conversation.Turn> turns = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String where = path + "/" + i;
            JsonNode message = Check.object(messages.get(i), where);
            String role = Check.text(Check.required(message, "role", where), where + "/role");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw Check.malformed(where + "/role", role + " is not a valid enum value");
            }
            if (i == 0 && !role.equals("user")) {
                throw BedrockError.validation(
                        "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
            }
            if (i > 0 && role.equals(turns.get(i - 1).role())) {
                throw BedrockError.validation(
                        "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.");
            }
            JsonNode content = Check.array(Check.required(message, "content", where), where + "/content", 1);
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = Check.object(content.get(j), where + "/content/" + j);
                if (block.size() == 0) {
                    throw Check.malformed(where + "/content/" + j, "content block must have exactly one member");
                }
                JsonNode t = block.get("text");
                if (t != null) {
                    text.append(Check.text(t, where + "/content/" + j + "/text"));
                }
            }
            turns.add(new Conversation.Turn(role, text.toString()));
        }
        return turns;
    }

    /** The lower_snake stop reasons of Nova and Converse. */
    public static String stopReason(Completion.Stop stop) {
        return switch (stop) {
            case END_TURN -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
        };
    }
}
