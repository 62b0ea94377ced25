package dev.outcrop.core.spi;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.port.TokenUsage;
import java.util.List;

/**
 * One vector per requested text, in order, and the tokens the call used.
 */
public record EmbeddingResponse(List<double[]> embeddings, TokenUsage usage) {
    public EmbeddingResponse {
        embeddings = List.copyOf(requireNonNull(embeddings, "embeddings is null"));
        requireNonNull(usage, "usage is null");
    }
}
