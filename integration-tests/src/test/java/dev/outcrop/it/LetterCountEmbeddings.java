package dev.outcrop.it;

import dev.outcrop.core.port.TokenUsage;
import dev.outcrop.core.spi.EmbeddingModel;
import dev.outcrop.core.spi.EmbeddingModelContext;
import dev.outcrop.core.spi.EmbeddingModelProvider;
import dev.outcrop.core.spi.EmbeddingRequest;
import dev.outcrop.core.spi.EmbeddingResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An embedding model an extension author might add: it counts letters, in process. Registered in
 * this module's test resources under META-INF/services, and never mentioned by core.
 */
public final class LetterCountEmbeddings implements EmbeddingModel {

    static final String MODEL_ID = "test.letter-count-v1";
    static final String NAME = "letter-count";

    /** The ServiceLoader entry point. */
    public static final class Provider implements EmbeddingModelProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public EmbeddingModel create(EmbeddingModelContext context) {
            return new LetterCountEmbeddings();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(String modelId) {
        return MODEL_ID.equals(modelId);
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request) {
        List<double[]> vectors = new ArrayList<>();
        long tokens = 0;
        for (String text : request.texts()) {
            double[] counts = new double[26];
            for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c >= 'a' && c <= 'z') {
                    counts[c - 'a']++;
                }
            }
            vectors.add(counts);
            tokens += text.length();
        }
        return CompletableFuture.completedFuture(new EmbeddingResponse(vectors, new TokenUsage(tokens, 0, true)));
    }
}
