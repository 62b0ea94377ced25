package dev.outcrop.bedrock.emulator.internal.http;

import java.time.Instant;
import java.util.Map;

/**
 * One answered call as the call log keeps it. Component for component the public {@code RecordedCall} (see there for
 * what each one means, and why it never holds a secret), which {@code BedrockEmulator} makes from it: the log cannot
 * use the public type, because the public package depends on this one.
 */
public record CallRecord(String service, String operation, String accessKeyId, String principalArn, String modelId,
                         int status, String errorType, boolean signatureValid, long requestBytes, long responseBytes,
                         Instant receivedAt, Map<String, String> parameters, boolean streamCancelled) {

    public CallRecord {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
