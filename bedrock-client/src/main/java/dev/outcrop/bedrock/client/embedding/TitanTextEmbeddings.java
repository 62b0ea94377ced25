package dev.outcrop.bedrock.client.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Amazon Titan Text Embeddings V2 ({@code amazon.titan-embed-text-v2:0}): one text per call, 256, 512
 * or 1024 dimensions (1024 by default), normalized.
 */
public final class TitanTextEmbeddings implements EmbeddingModel {

    public static final String MODEL_ID = "amazon.titan-embed-text-v2:0";
    public static final Set<Integer> DIMENSIONS = Set.of(256, 512, 1024);
    public static final int DEFAULT_DIMENSIONS = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelRuntime runtime;

    public TitanTextEmbeddings(ModelRuntime runtime) {
        this.runtime = java.util.Objects.requireNonNull(runtime, "runtime is null");
    }

    /** Registered through {@code META-INF/services}. */
    public static final class Provider implements EmbeddingModelProvider {
        @Override
        public String name() {
            return "titan-embed-text-v2";
        }

        @Override
        public EmbeddingModel create(EmbeddingModelContext context) {
            return new TitanTextEmbeddings(context.modelRuntime());
        }
    }

    @Override
    public String name() {
        return "titan-embed-text-v2";
    }

    @Override
    public boolean supports(String modelId) {
        // Inference profiles put a geography in front: us.amazon.titan-embed-text-v2:0
        return modelId.equals(MODEL_ID) || modelId.endsWith("." + MODEL_ID);
    }

    @Override
    public void validateDimensions(String modelId, Integer dimensions) {
        if (dimensions != null && !DIMENSIONS.contains(dimensions)) {
            throw new IllegalArgumentException("DIMENSIONS for " + modelId + " must be 256, 512 or 1024 (default 1024), but was " + dimensions);
        }
    }

    /**
     * Titan embeds one text per call; several texts become that many calls, made together, answered in
     * order. Core should still send one text per request ({@link #maxBatchSize()} is 1).
     */
    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request) {
        validateDimensions(request.modelId(), request.dimensions());
        return Batches.embedAll(request.texts(), 1, texts -> embedOne(request, texts.get(0)));
    }

    private CompletionStage<EmbeddingResponse> embedOne(EmbeddingRequest request, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("inputText", text);
        body.put("dimensions", request.dimensions() == null ? DEFAULT_DIMENSIONS : request.dimensions());
        body.put("normalize", true);
        CompletableFuture<InvokeModelResponse> call = runtime.invokeModel(
                new InvokeModelRequest(request.modelId(), body.toString(), request.region(), request.credentials())).toCompletableFuture();
        return Batches.cancelling(call.thenApply(response -> {
            JsonNode answer = read(response.body());
            double[] vector = Vectors.read(answer.path("embedding"), name());
            TokenUsage usage = response.usage() != null ? response.usage()
                    : new TokenUsage(answer.path("inputTextTokenCount").asLong(0), 0, answer.has("inputTextTokenCount"));
            return new EmbeddingResponse(List.of(vector), usage);
        }), List.of(call));
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        }
        catch (IOException e) {
            throw new UncheckedIOException("the embedding model's answer is not JSON", e);
        }
    }
}
