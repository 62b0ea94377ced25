package dev.outcrop.core.port;

import static java.util.Objects.requireNonNull;

/**
 * The last item of a stream that ended normally.
 *
 * @param usage the tokens the model reported, or {@link TokenUsage#NONE} with {@code reported} false
 *              when it reported none
 * @param stopReason why generation stopped as the model said it ({@code end_turn}, {@code max_tokens}...),
 *                   or null when the stream did not say
 */
public record StreamCompletion(TokenUsage usage, String stopReason) implements StreamEvent {
    public StreamCompletion {
        requireNonNull(usage, "usage is null");
    }
}
