package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.result.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * READ_CSV, READ_JSON and GENERATE_SERIES in FROM, over the files of a user files directory, feeding the
 * emulator's Bedrock: rows stream into the model calls, LIMIT and WHERE apply before any call, and bad
 * input or a path outside the directory fails with a stable code and a message that says where.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class FileSourcesTest {

    private static final String NOVA = "'amazon.nova-micro-v1:0'";

    @TempDir
    Path userFiles;

    private Path reviews(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("id,review\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",\"review number ").append(i).append(", quoted \"\"as\"\" CSV does\"\n");
        }
        return Files.writeString(userFiles.resolve("reviews.csv"), csv);
    }

    @Test
    void limit10_over100000Rows_makesExactly10ModelCalls_inOrder(BedrockEmulator emulator) throws IOException {
        reviews(100_000);
        try (TestStack stack = TestStack.withUserFiles(emulator, userFiles)) {
            stack.createKeyLocation("bedrock_keys");
            emulator.clearCalls();

            QueryResult result = stack.run("SELECT id, AI_QUERY(" + NOVA + ", 'Classify: ' || review, 'bedrock_keys') AS answer "
                    + "FROM READ_CSV('file://reviews.csv', HEADER => TRUE) LIMIT 10");

            assertThat(result.rows()).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(result.value(i, 0)).isEqualTo(String.valueOf(i + 1));
                assertThat((String) result.value(i, 1)).contains("review number " + (i + 1) + ", quoted \"as\" CSV does");
            }
            assertThat(emulator.calls("Converse")).hasSize(10);
        }
    }

    @Test
    void where_filtersBeforeAnyCall(BedrockEmulator emulator) throws IOException {
        reviews(2_000);
        try (TestStack stack = TestStack.withUserFiles(emulator, userFiles)) {
            stack.createKeyLocation("bedrock_keys");
            emulator.clearCalls();

            QueryResult result = stack.run("SELECT r.id, AI_QUERY(" + NOVA + ", review, 'bedrock_keys') FROM read_csv(URL => 'file:///"
                    + userFiles.toRealPath().toString().substring(1) + "/reviews.csv', HEADER => TRUE) AS r WHERE CAST(r.id AS BIGINT) % 500 = 0");

            assertThat(result.rows()).extracting(row -> row.get(0)).containsExactly("500", "1000", "1500", "2000");
            assertThat(emulator.calls("Converse")).hasSize(4);
        }
    }

    @Test
    void readJson_andGenerateSeries(BedrockEmulator emulator) throws IOException {
        Files.writeString(userFiles.resolve("events.jsonl"), "{\"user\":\"ana\",\"n\":1,\"tags\":[\"a\"]}\n\n{\"n\":2,\"user\":\"bo\"}\n");
        try (TestStack stack = TestStack.withUserFiles(emulator, userFiles)) {
            QueryResult json = stack.run("SELECT * FROM READ_JSON('file://events.jsonl')");
            QueryResult series = stack.run("SELECT generate_series * 2 AS doubled FROM GENERATE_SERIES(1, 1000000, 3) LIMIT 3");

            assertThat(json.columns()).extracting(c -> c.name()).containsExactly("user", "n", "tags");
            assertThat(json.rows()).extracting(row -> row.values()).containsExactly(List.of("ana", "1", "[\"a\"]"), java.util.Arrays.asList("bo", "2", null));
            assertThat(series.rows()).extracting(row -> row.get(0)).containsExactly(2L, 8L, 14L);
        }
    }

    @Test
    void malformedCsv_namesTheFileLineAndColumn(BedrockEmulator emulator) throws IOException {
        Files.writeString(userFiles.resolve("bad.csv"), "id,review\n1,fine\n2,\"closed\"x\n");
        Files.writeString(userFiles.resolve("ragged.csv"), "id,review\n1,fine\n2,too,many\n");
        Files.writeString(userFiles.resolve("open.csv"), "id,review\n1,\"never closed\n");
        Files.writeString(userFiles.resolve("bad.jsonl"), "{\"a\":1}\n{\"a\":}\n");
        try (TestStack stack = TestStack.withUserFiles(emulator, userFiles)) {
            stack.createKeyLocation("bedrock_keys");
            emulator.clearCalls();

            RuntimeException quote = stack.failure("SELECT AI_QUERY(" + NOVA + ", review, 'bedrock_keys') FROM READ_CSV('file://bad.csv', HEADER => TRUE)");
            RuntimeException ragged = stack.failure("SELECT * FROM READ_CSV('file://ragged.csv', HEADER => TRUE)");
            RuntimeException open = stack.failure("SELECT * FROM READ_CSV('file://open.csv', HEADER => TRUE)");
            RuntimeException json = stack.failure("SELECT * FROM READ_JSON('file://bad.jsonl')");

            assertThat(TestStack.codeOf(quote)).isEqualTo(OutcropErrorCode.MALFORMED_INPUT);
            assertThat(quote).hasMessageContaining("file://bad.csv at line 3, column 11").hasMessageContaining("after the closing quote");
            assertThat(ragged).hasMessageContaining("file://ragged.csv at line 3").hasMessageContaining("3 fields but the header names 2");
            assertThat(open).hasMessageContaining("file://open.csv at line 2, column 3").hasMessageContaining("not closed");
            assertThat(TestStack.codeOf(json)).isEqualTo(OutcropErrorCode.MALFORMED_INPUT);
            assertThat(json).hasMessageContaining("file://bad.jsonl at line 2, column 6");
            assertThat(emulator.calls("Converse")).as("the good row before the bad one may be called; none after").hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void pathsOutsideTheDirectory_areRefused_includingDotDotAndSymlinks(BedrockEmulator emulator, @TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.csv"), "a\n1\n");
        Files.createDirectories(userFiles.resolve("sub"));
        Files.createSymbolicLink(userFiles.resolve("sub/link.csv"), secret);
        Files.createSymbolicLink(userFiles.resolve("outside"), elsewhere);
        try (TestStack stack = TestStack.withUserFiles(emulator, userFiles);
             TestStack noFiles = TestStack.start(emulator)) {
            List<String> escapes = List.of("file://../" + elsewhere.getFileName() + "/secret.csv", "file://sub/../../x.csv",
                    "file://sub/%2e%2e/%2e%2e/x.csv", "file://" + secret.toRealPath(), "file://sub/link.csv", "file://outside/secret.csv");
            for (String url : escapes) {
                RuntimeException refused = stack.failure("SELECT * FROM READ_CSV('" + url + "')");
                assertThat(TestStack.codeOf(refused)).as(url).isEqualTo(OutcropErrorCode.SOURCE_ACCESS_DENIED);
                assertThat(refused).as(url).hasMessageContaining(url).hasMessageContaining("inside the user files directory");
            }
            RuntimeException missing = stack.failure("SELECT * FROM READ_CSV('file://nope.csv')");
            RuntimeException off = noFiles.failure("SELECT * FROM READ_CSV('file://reviews.csv')");

            assertThat(TestStack.codeOf(missing)).isEqualTo(OutcropErrorCode.SOURCE_NOT_FOUND);
            assertThat(missing).hasMessageContaining("file://nope.csv");
            assertThat(TestStack.codeOf(off)).isEqualTo(OutcropErrorCode.SOURCE_ACCESS_DENIED);
            assertThat(off).hasMessageContaining("reading local files is off");
        }
    }
}
