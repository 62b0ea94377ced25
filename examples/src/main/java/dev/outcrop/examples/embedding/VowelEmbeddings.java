package dev.outcrop.examples.embedding;

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
 * An embedding model of your own, reachable from {@code AI_EMBED_TEXT(MODEL => 'examples.vowels-v1', ...)}:
 * it embeds a text as the share of each vowel among its letters (5 dimensions), in process. A real one
 * would call a service here, with {@link EmbeddingModelContext#modelRuntime()} for models served by Bedrock,
 * or its own client, and complete the stage when the answer arrives; it should never block the caller.
 *
 * <p>Registered through {@link java.util.ServiceLoader}: {@link Provider} is named in this module's
 * {@code META-INF/services/dev.outcrop.core.spi.EmbeddingModelProvider}, so every {@code Outcrop} on this class
 * path finds it. Without the services file, pass it to the builder instead:
 * {@code Outcrop.builder().addEmbeddingModel(new VowelEmbeddings())}.
 */
public final class VowelEmbeddings implements EmbeddingModel {

    public static final String MODEL_ID = "examples.vowels-v1";
    private static final String VOWELS = "aeiou";

    /** The ServiceLoader entry point; it needs a public no-argument constructor. */
    public static final class Provider implements EmbeddingModelProvider {
        @Override
        public String name() {
            return "vowels";
        }

        @Override
        public EmbeddingModel create(EmbeddingModelContext context) {
            return new VowelEmbeddings();
        }
    }

    @Override
    public String name() {
        return "vowels";
    }

    @Override
    public boolean supports(String modelId) {
        return MODEL_ID.equals(modelId);
    }

    @Override
    public void validateDimensions(String modelId, Integer dimensions) {
        if (dimensions != null && dimensions != VOWELS.length()) {
            throw new IllegalArgumentException(MODEL_ID + " has " + VOWELS.length() + " dimensions only, but " + dimensions + " were asked for");
        }
    }

    /** Core groups up to this many rows into one {@link #embed} call. */
    @Override
    public int maxBatchSize() {
        return 32;
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request) {
        List<double[]> vectors = new ArrayList<>(request.texts().size());
        long tokens = 0;
        for (String text : request.texts()) {
            double[] vector = new double[VOWELS.length()];
            int letters = 0;
            for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
                if (Character.isLetter(c)) {
                    letters++;
                    int vowel = VOWELS.indexOf(c);
                    if (vowel >= 0) {
                        vector[vowel]++;
                    }
                }
            }
            for (int i = 0; i < vector.length && letters > 0; i++) {
                vector[i] /= letters;
            }
            vectors.add(vector);
            tokens += (text.length() + 3) / 4;
        }
        // The usage is charged to the account's daily token budget, as a Bedrock model's would be.
        return CompletableFuture.completedFuture(new EmbeddingResponse(vectors, new TokenUsage(tokens, 0, true)));
    }
}
