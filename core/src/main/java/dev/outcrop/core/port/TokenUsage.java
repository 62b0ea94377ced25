package dev.outcrop.core.port;

/**
 * Tokens a call consumed, as the model or the response headers reported them.
 *
 * @param reported true when the figures came from the response, false when they are Outcrop's estimate
 */
public record TokenUsage(long inputTokens, long outputTokens, boolean reported) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, true);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative, but were " + inputTokens + " and " + outputTokens);
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
