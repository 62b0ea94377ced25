package dev.outcrop.bedrock.client.embedding;

import dev.outcrop.core.port.TokenUsage;
import dev.outcrop.core.spi.EmbeddingResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Splits texts into calls of at most a model's batch size, runs them together and joins the answers in order. */
final class Batches {

    private Batches() {
    }

    static CompletionStage<EmbeddingResponse> embedAll(List<String> texts, int batchSize, Function<List<String>, CompletionStage<EmbeddingResponse>> call) {
        if (texts.size() <= batchSize) {
            return call.apply(texts);
        }
        List<CompletableFuture<EmbeddingResponse>> parts = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += batchSize) {
            parts.add(call.apply(texts.subList(from, Math.min(texts.size(), from + batchSize))).toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<double[]> vectors = new ArrayList<>(texts.size());
            long input = 0;
            long output = 0;
            boolean reported = true;
            for (CompletableFuture<EmbeddingResponse> part : parts) {
                EmbeddingResponse response = part.join();
                vectors.addAll(response.embeddings());
                input += response.usage().inputTokens();
                output += response.usage().outputTokens();
                reported &= response.usage().reported();
            }
            return new EmbeddingResponse(vectors, new TokenUsage(input, output, reported));
        });
    }
}
