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
    void aValueThatDoesNotConvert_namesTheFileLineColumnAndValue_beforeAnyCallForIt(BedrockEmulator emulator) throws IOException {
        String longValue = "five stars, honestly the best blender I have ever owned";
        Files.writeString(userFiles.resolve("stars.csv"), "id,review,stars\n1,good,5\n2,bad,\"" + longValue + "\"\n3,meh,2\n");
        Files.writeString(userFiles.resolve("big.csv"), "id,n\n1,12\n2,99999999999\n");
        Files.writeString(userFiles.resolve("stars.jsonl"), "{\"id\":1,\"stars\":5}\n{\"stars\":\"lots\",\"id\":2}\n");
        try (TestStack stack = TestStack.withUserFiles(emulator, userFiles)) {
            stack.createKeyLocation("bedrock_keys");
            emulator.clearCalls();

            RuntimeException inWhere = stack.failure("SELECT id, AI_QUERY(" + NOVA + ", review, 'bedrock_keys') "
                    + "FROM READ_CSV('file://stars.csv', HEADER => TRUE) WHERE CAST(stars AS INTEGER) < 3");
            long callsForWhere = emulator.callCount("Converse");
            RuntimeException inCallArgument = stack.failure("SELECT AI_QUERY(" + NOVA + ", 'Stars: ' || CAST(CAST(stars AS DOUBLE) AS TEXT), "
                    + "'bedrock_keys') FROM READ_CSV('file://stars.csv', HEADER => TRUE)");
            RuntimeException outOfRange = stack.failure("SELECT CAST(n AS INTEGER) FROM READ_CSV('file://big.csv', HEADER => TRUE)");
            RuntimeException overAnExpression = stack.failure("SELECT CAST(LOWER(stars) AS BIGINT) FROM READ_CSV('file://stars.csv', HEADER => TRUE)");
            RuntimeException json = stack.failure("SELECT CAST(stars AS BIGINT) FROM READ_JSON('file://stars.jsonl')");
            RuntimeException literal = stack.failure("SELECT CAST('abc' AS INTEGER)");

            assertThat(TestStack.codeOf(inWhere)).isEqualTo(OutcropErrorCode.VALUE_CONVERSION_FAILED);
            assertThat(inWhere).hasMessage("cannot convert text '" + longValue.substring(0, 40) + "…' to INTEGER, read from file://stars.csv "
                    + "at line 3, column 7 (field 3, 'stars'): correct the value there, or leave such rows out with WHERE");
            assertThat(callsForWhere).as("row 1 is filtered out, row 2 fails in WHERE: no call").isZero();
            assertThat(TestStack.codeOf(inCallArgument)).isEqualTo(OutcropErrorCode.VALUE_CONVERSION_FAILED);
            assertThat(inCallArgument).hasMessageContaining("to DOUBLE, read from file://stars.csv at line 3, column 7 (field 3, 'stars')");
            assertThat(outOfRange).hasMessageContaining("99999999999 is out of range for INTEGER")
                    .hasMessageContaining("file://big.csv at line 3, column 3 (field 2, 'n')");
            assertThat(overAnExpression).as("the operand is not one column: the line is named, not a column")
                    .hasMessageContaining("read from file://stars.csv at line 3:");
            assertThat(TestStack.codeOf(json)).isEqualTo(OutcropErrorCode.VALUE_CONVERSION_FAILED);
            assertThat(json).hasMessageContaining("cannot convert text 'lots' to BIGINT, read from file://stars.jsonl at line 2, column 10 (field 2, 'stars')");
            assertThat(TestStack.codeOf(literal)).isEqualTo(OutcropErrorCode.VALUE_CONVERSION_FAILED);
            assertThat(literal).hasMessage("cannot convert text 'abc' to INTEGER");
            for (RuntimeException failure : List.of(inWhere, inCallArgument, outOfRange, overAnExpression, json)) {
                assertThat(failure.getMessage()).as("a message, not a stack trace").doesNotContain("Exception").doesNotContain("\tat ");
            }
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
            assertThat(missing).hasMessageContaining("file://nope.csv").hasMessageNotContaining(userFiles.toRealPath().toString());
            assertThat(TestStack.codeOf(off)).isEqualTo(OutcropErrorCode.SOURCE_ACCESS_DENIED);
            assertThat(off).hasMessageContaining("reading local files is off").hasMessageContaining("outcrop.server.user-files-directory");
        }
    }
}
