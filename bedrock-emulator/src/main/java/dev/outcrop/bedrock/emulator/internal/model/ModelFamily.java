package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One provider's request/response format. Implementations are stateless and thread-safe. */
public interface ModelFamily {

    /**
     * Validates a native request body and answers it.
     *
     * @param modelId the resolved base model id (some families echo it back)
     * @throws dev.outcrop.bedrock.emulator.internal.wire.BedrockError ValidationException when the body does
     *                                                                 not fit the family's schema
     */
    Invocation invoke(String modelId, JsonNode body);

    /** Embedding models answer InvokeModel only. */
    default boolean isTextGeneration() {
        return true;
    }
}
