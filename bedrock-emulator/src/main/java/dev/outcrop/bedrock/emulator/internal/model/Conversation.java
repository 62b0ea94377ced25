package dev.outcrop.bedrock.emulator.internal.model;

import java.util.List;

/**
 * What every text model's request boils down to once parsed: a system prompt, the turns, and the generation limits.
 *
 * @param system         system prompt text ("" when none)
 * @param turns          the messages, oldest first
 * @param maxTokens      output token limit
 * @param stopSequences  strings that end generation
 */
public record Conversation(String system, List<Turn> turns, int maxTokens, List<String> stopSequences) {

    /** One message: role "user" or "assistant" and its text content joined. */
    public record Turn(String role, String text) {
    }

    public Conversation {
        turns = List.copyOf(turns);
        stopSequences = List.copyOf(stopSequences);
    }

    /** A single-prompt conversation, the shape of completion-style models (Llama, Mistral, Titan). */
    public static Conversation ofPrompt(String prompt, int maxTokens, List<String> stopSequences) {
        return new Conversation("", List.of(new Turn("user", prompt)), maxTokens, stopSequences);
    }

    public String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if ("user".equals(turns.get(i).role())) {
                return turns.get(i).text();
            }
        }
        return "";
    }

    /** Input tokens: everything the model would read. */
    public int inputTokens() {
        int tokens = Tokens.count(system);
        for (Turn turn : turns) {
            tokens += Tokens.count(turn.text());
        }
        return Math.max(1, tokens);
    }
}
