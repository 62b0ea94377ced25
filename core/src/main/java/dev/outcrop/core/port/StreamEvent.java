package dev.outcrop.core.port;

/**
 * One item of a model's response stream: any number of {@link TextDelta}s, then exactly one
 * {@link StreamCompletion} right before the stream completes normally. A stream that fails (an
 * exception frame, a cut connection) ends with {@code onError} and no completion, so a subscriber
 * never takes a truncated answer for a whole one.
 */
public sealed interface StreamEvent permits TextDelta, StreamCompletion {
}
