package dev.outcrop.bedrock.emulator.internal.model;

import java.util.List;

/**
 * What every text model's request boils down to once parsed: a system prompt, the turns, and the generation limits.
 *
 * @param system         system prompt text ("" when none)
 * @param turns          the messages, oldest first
 * @param maxTokens      output token limit
 * @param stopSequences  strings that end generation
 * @param promptTokens   input tokens when the model read a raw prompt (markup included); -1 to count the turns
 */
public record Conversation(String system, List<Turn> turns, int maxTokens, List<String> stopSequences,
                           int promptTokens) {

    /** One message: role "user" or "assistant" and its text content joined. */
    public record Turn(String role, String text) {
    }

    public Conversation {
        turns = List.copyOf(turns);
        stopSequences = List.copyOf(stopSequences);
    }

    public Conversation(String system, List<Turn> turns, int maxTokens, List<String> stopSequences) {
        this(system, turns, maxTokens, stopSequences, -1);
    }

    /**
     * A completion-style prompt (Llama, Mistral, Titan): the reply echoes the user's words found inside the prompt's
     * chat markup, while input tokens cover the whole prompt.
     */
    public static Conversation ofPrompt(String prompt, int maxTokens, List<String> stopSequences) {
        return new Conversation("", List.of(new Turn("user", PromptText.lastUserText(prompt))), maxTokens,
                stopSequences, Math.max(1, Tokens.count(prompt)));
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
        if (promptTokens >= 0) {
            return promptTokens;
        }
        int tokens = Tokens.count(system);
        for (Turn turn : turns) {
            tokens += Tokens.count(turn.text());
        }
        return Math.max(1, tokens);
    }
}
