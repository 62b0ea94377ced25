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

    /**
     * @param call embeds one batch; cancelling {@code toCompletableFuture()} of its stage must abort its request
     * @return a future whose cancellation cancels every batch's call
     */
    static CompletionStage<EmbeddingResponse> embedAll(List<String> texts, int batchSize, Function<List<String>, CompletionStage<EmbeddingResponse>> call) {
        if (texts.size() <= batchSize) {
            return call.apply(texts);
        }
        List<CompletableFuture<EmbeddingResponse>> parts = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += batchSize) {
            parts.add(call.apply(texts.subList(from, Math.min(texts.size(), from + batchSize))).toCompletableFuture());
        }
        return cancelling(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
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
        }), parts);
    }

    /**
     * Returns {@code result}, made to cancel {@code calls} when it completes before them: a stage derived from a call
     * (thenApply, allOf) does not pass its cancellation back to the call, and core cancels what embed returned when
     * the statement is cancelled. The model runtime aborts a call's HTTP request when its future is cancelled.
     */
    static <T> CompletableFuture<T> cancelling(CompletableFuture<T> result, List<? extends CompletableFuture<?>> calls) {
        result.whenComplete((ignored, failure) -> {
            for (CompletableFuture<?> call : calls) {
                if (!call.isDone()) {
                    call.cancel(true);
                }
            }
        });
        return result;
    }
}
