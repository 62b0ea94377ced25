package dev.outcrop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.examples.catalog.CustomCatalog;
import dev.outcrop.examples.embedding.CustomEmbeddingModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples run as a reader would run them, and print what they promise. */
final class ExamplesRunTest {

    @FunctionalInterface
    interface Main {
        void run() throws Exception;
    }

    static String run(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.run();
        }
        finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        original.print(printed);   // in the test's report, for whoever reads a failure
        return printed;
    }

    @Test
    void quickStart_printsTheModelsAnswer() throws Exception {
        assertThat(run(() -> QuickStart.main(new String[0]))).startsWith("result = {\"output\":").contains("Echo: Hello");
    }

    @Test
    void guiceWiring_printsTheTrustPrincipal() throws Exception {
        assertThat(run(() -> GuiceWiring.main(new String[0]))).contains("trust_policy_role = arn:aws:iam::111122223333:role/outcrop-trust-demo");
    }

    @Test
    void customCatalog_answersBeforeAndAfterARestart_fromTheJsonFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("catalog.json");

        String out = run(() -> CustomCatalog.main(new String[] {file.toString()}));

        assertThat(out).contains("first run: {\"output\":").contains("Echo: Hello before the restart")
                .contains("after the restart: location kept, created before the restart")
                .contains("second run: {\"output\":").contains("Echo: Hello after the restart");
        String json = Files.readString(file);
        assertThat(json).contains("\"locationName\" : \"kept\"").contains("\"keyId\" : \"ephemeral\"")
                .as("credentials are sealed in the file").doesNotContain("BedrockAccess");
    }

    @Test
    void customEmbeddingModel_embedsThroughTheSpi_andIsCharged() throws Exception {
        String out = run(() -> CustomEmbeddingModel.main(new String[0]));

        // banana: 6 letters, 3 a's -> [0.5, 0, 0, 0, 0]; igloo: 5 letters, i and two o's.
        assertThat(out).contains("banana   [0.5, 0.0, 0.0, 0.0, 0.0]  similarity to banana 1.000")
                .contains("bandana  [0.42857142857142855, 0.0, 0.0, 0.0, 0.0]  similarity to banana 1.000")
                .contains("igloo    [0.0, 0.0, 0.2, 0.4, 0.0]  similarity to banana 0.000")
                .containsPattern("tokens charged today: [1-9]\\d*");
    }
}
