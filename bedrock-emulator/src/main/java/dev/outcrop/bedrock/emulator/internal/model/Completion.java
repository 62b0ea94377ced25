package dev.outcrop.bedrock.emulator.internal.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated answer in model-neutral terms; each family renders it in its own JSON.
 *
 * @param text         the reply text
 * @param inputTokens  tokens read
 * @param outputTokens tokens written
 * @param stop         why generation ended
 * @param stopSequence the stop sequence that matched, or null
 */
public record Completion(String text, int inputTokens, int outputTokens, Stop stop, String stopSequence) {

    /** Why generation ended, in neutral terms. */
    public enum Stop { END_TURN, MAX_TOKENS, STOP_SEQUENCE }

    /**
     * The reply cut into streaming deltas of a few words each, the way models emit text. Concatenated they give back
     * {@link #text()} exactly.
     */
    public List<String> deltas() {
        List<String> out = new ArrayList<>();
        int start = 0;
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && i > start) {
                words++;
                if (words == 3) {
                    out.add(text.substring(start, i));
                    start = i;
                    words = 0;
                }
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }
}
