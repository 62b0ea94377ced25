package dev.outcrop.bedrock.emulator.internal.fault;

import dev.outcrop.bedrock.emulator.internal.wire.BedrockErrorType;

/**
 * What fault injection decided for one call.
 *
 * @param delayMillis          wait this long before answering
 * @param error                answer with this error instead (null = answer normally)
 * @param reset                drop the connection instead of answering
 * @param firstByteDelayMillis streams: wait this long before the response head
 * @param chunkDelayMillis     streams: wait this long between frames
 * @param cutAfterFrames       streams: stop after this many frames (-1 = never)
 * @param streamException      streams: the exception frame to send when cutting (null = just drop the connection)
 * @param retryAfterSeconds    the Retry-After header (in seconds) for a throttling or 503 {@code error}; -1 = none
 */
public record FaultDecision(long delayMillis, BedrockErrorType error, boolean reset, long firstByteDelayMillis,
                            long chunkDelayMillis, int cutAfterFrames, String streamException, long retryAfterSeconds) {

    public static final FaultDecision NONE = new FaultDecision(0, null, false, 0, 0, -1, null, -1);

    /** The Retry-After value to send with {@link #error}, or null: only throttling (429) and 503 answers carry one. */
    public String retryAfterHeader() {
        if (error == null || retryAfterSeconds < 0 || (error.status() != 429 && error.status() != 503)) {
            return null;
        }
        return Long.toString(retryAfterSeconds);
    }

    /** Chooses the faults for one call to a model (requested id as sent, and the base id it resolved to). */
    public interface Policy {
        FaultDecision decide(String requestedId, String resolvedId);
    }
}
