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
 */
public record FaultDecision(long delayMillis, BedrockErrorType error, boolean reset, long firstByteDelayMillis,
                            long chunkDelayMillis, int cutAfterFrames, String streamException) {

    public static final FaultDecision NONE = new FaultDecision(0, null, false, 0, 0, -1, null);

    /** Chooses the faults for one call to a model (requested id as sent, and the base id it resolved to). */
    public interface Policy {
        FaultDecision decide(String requestedId, String resolvedId);
    }
}
