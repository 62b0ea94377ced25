package dev.outcrop.bedrock.client.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.TokenUsage;
import dev.outcrop.core.spi.EmbeddingModel;
import dev.outcrop.core.spi.EmbeddingModelContext;
import dev.outcrop.core.spi.EmbeddingModelProvider;
import dev.outcrop.core.spi.EmbeddingRequest;
import dev.outcrop.core.spi.EmbeddingResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Cohere Embed v3 on Bedrock ({@code cohere.embed-english-v3}, {@code cohere.embed-multilingual-v3}):
 * up to 96 texts per call, 1024 dimensions, embedded as {@code search_document}.
 */
public final class CohereEmbeddings implements EmbeddingModel {

    public static final int MAX_TEXTS_PER_CALL = 96;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelRuntime runtime;

    public CohereEmbeddings(ModelRuntime runtime) {
        this.runtime = java.util.Objects.requireNonNull(runtime, "runtime is null");
    }

    /** Registered through {@code META-INF/services}. */
    public static final class Provider implements EmbeddingModelProvider {
        @Override
        public String name() {
            return "cohere-embed-v3";
        }

        @Override
        public EmbeddingModel create(EmbeddingModelContext context) {
            return new CohereEmbeddings(context.modelRuntime());
        }
    }

    @Override
    public String name() {
        return "cohere-embed-v3";
    }

    @Override
    public boolean supports(String modelId) {
        return modelId.matches("([a-z]{2,4}\\.)?cohere\\.embed-(english|multilingual)-v3(:\\d+)?");
    }

    @Override
    public void validateDimensions(String modelId, Integer dimensions) {
        if (dimensions != null && dimensions != 1024) {
            throw new IllegalArgumentException("DIMENSIONS for " + modelId + " must be 1024 or left out, but was " + dimensions);
        }
    }

    @Override
    public int maxBatchSize() {
        return MAX_TEXTS_PER_CALL;
    }

    /**
     * Embeds all the texts with as few calls as possible: up to {@value #MAX_TEXTS_PER_CALL} texts in one
     * call, several calls made together when there are more. Vectors come back in the order of the texts.
     */
    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request) {
        validateDimensions(request.modelId(), request.dimensions());
        return Batches.embedAll(request.texts(), MAX_TEXTS_PER_CALL, texts -> embedBatch(request, texts));
    }

    private CompletionStage<EmbeddingResponse> embedBatch(EmbeddingRequest request, List<String> texts) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("texts");
        texts.forEach(array::add);
        body.put("input_type", "search_document");
        CompletableFuture<InvokeModelResponse> call = runtime.invokeModel(
                new InvokeModelRequest(request.modelId(), body.toString(), request.region(), request.credentials())).toCompletableFuture();
        return Batches.cancelling(call.thenApply(response -> {
            JsonNode answer = TitanTextEmbeddings.read(response.body());
            JsonNode embeddings = answer.path("embeddings");
            if (embeddings.has("float")) {
                embeddings = embeddings.get("float");
            }
            List<double[]> vectors = new ArrayList<>();
            for (JsonNode vector : embeddings) {
                vectors.add(Vectors.read(vector, name()));
            }
            if (vectors.size() != texts.size()) {
                throw new IllegalStateException(name() + " returned " + vectors.size() + " embeddings for " + texts.size() + " texts");
            }
            long estimated = texts.stream().mapToLong(t -> (t.length() + 3) / 4).sum();
            TokenUsage usage = response.usage() != null ? response.usage() : new TokenUsage(estimated, 0, false);
            return new EmbeddingResponse(vectors, usage);
        }), List.of(call));
    }
}
