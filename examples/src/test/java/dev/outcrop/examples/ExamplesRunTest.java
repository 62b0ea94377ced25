package dev.outcrop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.examples.catalog.CustomCatalog;
import dev.outcrop.examples.embedding.CustomEmbeddingModel;
import dev.outcrop.examples.streaming.StreamManyRows;
import dev.outcrop.examples.streaming.StreamOneAnswer;
import dev.outcrop.examples.vertx.MountedRoutes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
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
    void reviewClassification_callsTheModelForTheLowRatingsOfTheCsv_andForBoundRows() throws Exception {
        String printed = run(() -> dev.outcrop.examples.data.ReviewClassification.main(new String[0]));

        assertThat(printed.lines().filter(line -> line.startsWith("csv "))).hasSize(3);
        assertThat(printed).contains("csv   2 Trail boots: Echo: Answer with one word").contains("The left sole came loose")
                .contains("csv   4 Headlamp:").contains("\"waterproof\" it is not.")
                .doesNotContain("Comfortable from the first hike")
                .contains("bound 101: Echo: ").contains("bound 102: Echo: ");
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

    @Test
    void streamOneAnswer_printsTheDeltasAsTheyCome_thenTheCompletion() throws Exception {
        String out = run(() -> StreamOneAnswer.main(new String[] {"one", "two", "three", "four", "five", "six", "seven"}));

        assertThat(out).contains("[Echo: one two][ three four five][ six seven]")
                .contains("answer: Echo: one two three four five six seven")
                .containsPattern("3 deltas; stop reason \\w+; tokens in \\d+, out \\d+");
    }

    @Test
    void streamManyRows_receivesEveryRowInChunks_withProgress() throws Exception {
        String out = run(() -> StreamManyRows.main(new String[0]));

        assertThat(out).containsPattern("query id: [0-9a-f-]{36}")
                .contains("consumed 500 rows").contains("consumed 2000 rows")
                .contains("rows received: 2000 of 2000")
                .containsPattern("progress: \\d+/2000 rows")
                .contains("progress: 2000/2000 rows, 0 calls in flight, 0 waiting, 2000 made");
    }

    @Test
    void streamManyRows_cancelledByQueryId_stopsEarly() throws Exception {
        String out = run(() -> StreamManyRows.main(new String[] {"--rows", "3000", "--cancel-after", "300"}));

        assertThat(out).containsPattern("cancelling [0-9a-f-]{36}: true").contains("stopped after ").doesNotContain("rows received");
        Matcher stopped = Pattern.compile("stopped after (\\d+) rows").matcher(out);
        assertThat(stopped.find()).isTrue();
        assertThat(Long.parseLong(stopped.group(1))).isBetween(300L, 2_999L);
        assertThat(out.toLowerCase()).contains("cancel");
    }

    @Test
    void mountedRoutes_answersSqlUnderSql_nextToTheApplicationsOwnRoute() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (MountedRoutes app = MountedRoutes.start(0)) {
            String base = "http://127.0.0.1:" + app.port();

            HttpResponse<String> hello = http.send(HttpRequest.newBuilder(URI.create(base + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> sql = http.send(HttpRequest.newBuilder(URI.create(base + "/sql?output_format=JSON_Compact"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT AI_QUERY('amazon.nova-micro-v1:0', 'Hello', 'bedrock_role') AS answer"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(hello.body()).isEqualTo("Hello from the application\n");
            assertThat(sql.statusCode()).isEqualTo(200);
            assertThat(sql.body()).contains("\"name\":\"answer\"").contains("\"data\":[[\"Echo: Hello\"]]");
        }
    }
}
