package dev.outcrop.core.port;

import static java.util.Objects.requireNonNull;

/**
 * One Bedrock InvokeModel call.
 *
 * @param modelId forwarded as given: base model ids, inference profiles ({@code us.…}) and ARNs alike
 * @param body the request body, sent unchanged with content type {@code application/json}
 * @param region the AWS region to call
 * @param credentials the credentials to sign with
 */
public record InvokeModelRequest(String modelId, String body, String region, AwsCredentials credentials) {
    public InvokeModelRequest {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(body, "body is null");
        requireNonNull(region, "region is null");
        requireNonNull(credentials, "credentials is null");
    }

    @Override
    public String toString() {
        // The body may hold anything the user sent; it stays out of logs.
        return "InvokeModelRequest[modelId=" + modelId + ", region=" + region + ", body=<" + body.length() + " chars>]";
    }
}
