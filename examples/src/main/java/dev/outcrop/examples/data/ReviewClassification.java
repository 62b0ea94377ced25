package dev.outcrop.examples.data;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.Session;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.examples.OfflineStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Classifies product reviews from a CSV file with AI_QUERY: {@code READ_CSV} reads the file from the user files
 * directory, WHERE keeps the low ratings before any model call, and each kept row's review goes to the model. Then
 * the same question over rows the application holds in memory, bound with {@code Session.bind}: no SQL is built
 * from the data. The emulator's models echo the prompt, so the answers read "Echo: …"; against Bedrock they are
 * the model's verdicts.
 */
public final class ReviewClassification {

    private static final String PROMPT = "'Answer with one word, the part of the product this complaint is about: ' || review";

    private ReviewClassification() {
    }

    public static void main(String[] args) throws IOException {
        // The directory that file:// URLs may read; here a temporary one holding the example's CSV.
        Path userFiles = Files.createTempDirectory("outcrop-user-files");
        try (InputStream csv = ReviewClassification.class.getResourceAsStream("product-reviews.csv")) {
            Files.copy(csv, userFiles.resolve("product-reviews.csv"));
        }
        try (OfflineStack stack = OfflineStack.start(new InMemoryCatalogStore(), SealingKeys.ephemeral(),
                builder -> builder.userFilesDirectory(userFiles))) {
            Session session = stack.admin();

            QueryResult fromFile = session.execute("SELECT r.id, r.product, AI_QUERY('amazon.nova-micro-v1:0', " + PROMPT + ", '"
                    + OfflineStack.LOCATION + "') AS part "
                    + "FROM READ_CSV(URL => 'file://product-reviews.csv', HEADER => TRUE) AS r "
                    + "WHERE CAST(r.stars AS INTEGER) <= 2").toCompletableFuture().join();
            for (Row row : fromFile.rows()) {
                System.out.println("csv   " + row.get(0) + " " + row.get(1) + ": " + row.get(2));
            }

            List<Row> inMemory = List.of(Row.of(101L, "The zip jams when it is cold."), Row.of(102L, "Seams split on the second trip."));
            session.bind("complaints", List.of(new Column("id", ScalarType.BIGINT), new Column("review", ScalarType.TEXT)), inMemory);
            QueryResult bound = session.execute("SELECT id, AI_QUERY('amazon.nova-micro-v1:0', " + PROMPT + ", '"
                    + OfflineStack.LOCATION + "') AS part FROM complaints").toCompletableFuture().join();
            for (Row row : bound.rows()) {
                System.out.println("bound " + row.get(0) + ": " + row.get(1));
            }
        }
        finally {
            Files.deleteIfExists(userFiles.resolve("product-reviews.csv"));
            Files.deleteIfExists(userFiles);
        }
    }
}
