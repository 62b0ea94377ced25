package dev.outcrop.core.port;

import static java.util.Objects.requireNonNull;

/**
 * The answer to an InvokeModel call.
 *
 * @param body the response body, unchanged
 * @param usage the tokens counted by Bedrock's headers, or null when it sent none
 */
public record InvokeModelResponse(String body, TokenUsage usage) {
    public InvokeModelResponse {
        requireNonNull(body, "body is null");
    }
}
