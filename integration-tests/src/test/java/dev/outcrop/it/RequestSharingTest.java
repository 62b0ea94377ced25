package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.result.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Identical requests within one statement are sent once, unless the session turns that off. */
@ExtendWith(BedrockEmulatorExtension.class)
final class RequestSharingTest {

    /** 100 rows asking ten distinct questions: row n asks about n / 10. */
    private static final String TEN_DISTINCT = "SELECT n, AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
            + "'{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"row ' || (n / 10) || '\"}]}]}', 'bedrock_keys')"
            + " AS answer, AI_QUERY('amazon.nova-micro-v1:0', 'question ' || (n / 10), 'bedrock_keys') AS chat FROM " + ManyRows.values(100);

    @Test
    void identicalRequestsOfOneStatement_shareOneCall(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");

            QueryResult result = stack.run(TEN_DISTINCT);

            assertThat(emulator.calls("InvokeModel")).as("one InvokeModel per distinct request").hasSize(11);
            assertThat(emulator.calls("Converse")).as("one Converse per distinct prompt").hasSize(11);
            for (int i = 0; i < 100; i++) {
                long n = (Long) result.value(i, 0);
                assertThat(ManyRows.answersRow(result.value(i, 1), n / 10)).as("row %d gets the answer to its own question", n).isTrue();
                assertThat(result.value(i, 2)).isEqualTo("Echo: question " + n / 10);
            }
            stack.run(TEN_DISTINCT);
            assertThat(emulator.calls("InvokeModel")).as("sharing is within a statement: the next one calls again").hasSize(22);
        }
    }

    @Test
    void sharingCanBeTurnedOff(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.createKeyLocation("bedrock_keys");
            stack.run("SET ai_deduplicate_requests = false");

            stack.run(TEN_DISTINCT);

            assertThat(emulator.calls("InvokeModel")).hasSize(100);
            assertThat(emulator.calls("Converse")).hasSize(100);
        }
    }
}
