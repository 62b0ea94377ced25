package dev.outcrop.core.port;

import java.util.concurrent.CompletionStage;

/**
 * Calls models. {@code outcrop-bedrock-client} implements it with the AWS SDK's Bedrock Runtime client.
 */
public interface ModelRuntime extends AutoCloseable {

    /** Bedrock InvokeModel: raw body in, raw body out. */
    CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request);

    /** Bedrock Converse with one user message. */
    CompletionStage<ConverseResponse> converse(ConverseRequest request);

    @Override
    default void close() {
    }
}
