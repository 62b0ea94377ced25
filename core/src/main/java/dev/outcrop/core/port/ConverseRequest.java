package dev.outcrop.core.port;

import static java.util.Objects.requireNonNull;

/**
 * A single-turn Bedrock Converse call with a plain-text prompt.
 */
public record ConverseRequest(String modelId, String prompt, String region, AwsCredentials credentials) {
    public ConverseRequest {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(prompt, "prompt is null");
        requireNonNull(region, "region is null");
        requireNonNull(credentials, "credentials is null");
    }

    @Override
    public String toString() {
        return "ConverseRequest[modelId=" + modelId + ", region=" + region + ", prompt=<" + prompt.length() + " chars>]";
    }
}
