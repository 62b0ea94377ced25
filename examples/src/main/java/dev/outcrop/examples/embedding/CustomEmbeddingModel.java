package dev.outcrop.examples.embedding;

import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.examples.OfflineStack;
import java.util.Arrays;

/**
 * {@code AI_EMBED_TEXT} with an embedding model added through the SPI ({@link VowelEmbeddings}), next to
 * {@code VECTOR_COSINE_SIMILARITY}: core finds the model by its id, checks the location and the budget, and
 * charges the tokens the model reports, exactly as for Titan or Cohere.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.outcrop.examples.embedding.CustomEmbeddingModel}
 */
public final class CustomEmbeddingModel {

    private CustomEmbeddingModel() {
    }

    public static void main(String[] args) {
        try (OfflineStack stack = OfflineStack.start()) {
            QueryResult result = stack.admin().execute("""
                    SELECT word,
                           AI_EMBED_TEXT(MODEL => 'examples.vowels-v1', INPUT_TEXT => word, LOCATION => 'bedrock_role') AS vowels,
                           VECTOR_COSINE_SIMILARITY(
                             AI_EMBED_TEXT(MODEL => 'examples.vowels-v1', INPUT_TEXT => word, LOCATION => 'bedrock_role'),
                             AI_EMBED_TEXT(MODEL => 'examples.vowels-v1', INPUT_TEXT => 'banana', LOCATION => 'bedrock_role')) AS like_banana
                    FROM (VALUES ('banana'), ('bandana'), ('igloo'), ('queue')) AS t(word)
                    """).toCompletableFuture().join();
            for (Row row : result.rows()) {
                System.out.printf("%-8s %s  similarity to banana %.3f%n", row.get(0), Arrays.toString((double[]) row.get(1)), (Double) row.get(2));
            }
            QueryResult usage = stack.admin().execute("SELECT usage FROM account_db.information_schema.quotas").toCompletableFuture().join();
            System.out.println("tokens charged today: " + usage.value(0, 0));
        }
    }
}
