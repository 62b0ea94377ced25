package dev.outcrop.core.spi;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.port.AwsCredentials;
import java.util.List;

/**
 * Texts to embed with one model. Several texts are passed at once when a query embeds many rows, so
 * that models with batch APIs (Cohere) can send them together.
 *
 * @param dimensions the requested vector size, or null for the model's default
 */
public record EmbeddingRequest(String modelId, List<String> texts, Integer dimensions, String region, AwsCredentials credentials) {
    public EmbeddingRequest {
        requireNonNull(modelId, "modelId is null");
        texts = List.copyOf(requireNonNull(texts, "texts is null"));
        requireNonNull(region, "region is null");
        requireNonNull(credentials, "credentials is null");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("texts is empty");
        }
    }

    @Override
    public String toString() {
        return "EmbeddingRequest[modelId=" + modelId + ", texts=<" + texts.size() + ">, dimensions=" + dimensions + ", region=" + region + "]";
    }
}
