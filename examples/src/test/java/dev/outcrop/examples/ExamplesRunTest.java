package dev.outcrop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.examples.catalog.CustomCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
