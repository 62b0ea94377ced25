package dev.outcrop.bedrock.client.internal;

import dev.outcrop.core.port.StreamCompletion;
import dev.outcrop.core.port.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/** ConverseStream: text from contentBlockDelta, the stop reason from messageStop, usage from metadata. */
final class ConverseStreamDecoder implements StreamDecoder<ConverseStreamOutput> {

    private boolean stopped;
    private String stopReason;
    private TokenUsage usage = new TokenUsage(0, 0, false);

    @Override
    public String text(ConverseStreamOutput event) {
        if (event instanceof ContentBlockDeltaEvent delta) {
            return delta.delta() == null ? null : delta.delta().text();
        }
        if (event instanceof MessageStopEvent stop) {
            stopped = true;
            stopReason = stop.stopReasonAsString();
        }
        else if (event instanceof ConverseStreamMetadataEvent metadata && metadata.usage() != null) {
            usage = new TokenUsage(nonNull(metadata.usage().inputTokens()), nonNull(metadata.usage().outputTokens()), true);
        }
        return null;
    }

    @Override
    public StreamCompletion completion() {
        return stopped ? new StreamCompletion(usage, stopReason) : null;
    }

    private static long nonNull(Integer value) {
        return value == null ? 0 : value;
    }
}
