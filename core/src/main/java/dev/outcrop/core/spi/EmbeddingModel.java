package dev.outcrop.core.spi;

import java.util.concurrent.CompletionStage;

/**
 * An embedding model reachable from {@code AI_EMBED_TEXT}. Core picks the first model whose
 * {@link #supports} accepts the statement's model id.
 */
public interface EmbeddingModel {

    /** A short name for messages and metrics, such as {@code titan-embed-text-v2}. */
    String name();

    boolean supports(String modelId);

    /**
     * Checks the requested dimensions before any call is made.
     *
     * @param dimensions the requested size, or null for the default
     * @throws IllegalArgumentException with a message that lists the sizes allowed
     */
    default void validateDimensions(String modelId, Integer dimensions) {
    }

    /** How many texts one call may carry; core groups rows into requests of at most this size. */
    default int maxBatchSize() {
        return 1;
    }

    /**
     * Embeds the texts. Core cancels {@code toCompletableFuture()} of the returned stage when the
     * statement is cancelled; an implementation should then abort its request.
     */
    CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request);
}
