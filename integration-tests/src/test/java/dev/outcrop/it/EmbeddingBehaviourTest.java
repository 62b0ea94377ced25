package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.type.ArrayType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** AI_EMBED_TEXT with Titan V2, Cohere, and a model added through the SPI, and the vector functions. */
@ExtendWith(BedrockEmulatorExtension.class)
final class EmbeddingBehaviourTest {

    private static final String ROLE = "CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )";

    @Test
    void titan_returnsAnArrayOfTheRequestedDimensions(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run(ROLE);

            QueryResult result = stack.run("""
                    SELECT AI_EMBED_TEXT(MODEL => 'amazon.titan-embed-text-v2:0', INPUT_TEXT => 'The quick brown fox',
                                         DIMENSIONS => 256, LOCATION => 'bedrock_role') AS small,
                           AI_EMBED_TEXT(MODEL => 'amazon.titan-embed-text-v2:0', INPUT_TEXT => 'The quick brown fox',
                                         LOCATION => 'bedrock_role', NULL_ON_ERROR => TRUE) AS default_size,
                           AI_EMBED_TEXT(MODEL => 'amazon.titan-embed-text-v2:0', INPUT_TEXT => 'The quick brown fox',
                                         DIMENSION => 512, LOCATION => 'bedrock_role') AS synonym
                    """);

            assertThat(result.columns().get(0).type()).isEqualTo(ArrayType.DOUBLE_ARRAY);
            assertThat((double[]) result.value(0, 0)).hasSize(256);
            assertThat((double[]) result.value(0, 1)).hasSize(1024);
            assertThat((double[]) result.value(0, 2)).hasSize(512);
            assertThat(emulator.calls("InvokeModel")).hasSize(3).allMatch(call -> call.modelId().equals("amazon.titan-embed-text-v2:0"));
        }
    }

    @Test
    void titan_refusesOtherDimensionsBeforeAnyCall_andNullTextGivesNull(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run(ROLE);

            RuntimeException e = stack.failure("SELECT AI_EMBED_TEXT(MODEL => 'amazon.titan-embed-text-v2:0', INPUT_TEXT => 'x', DIMENSIONS => 300, LOCATION => 'bedrock_role')");
            QueryResult nothing = stack.run("SELECT AI_EMBED_TEXT(MODEL => 'amazon.titan-embed-text-v2:0', INPUT_TEXT => NULL, LOCATION => 'bedrock_role')");

            assertThat(e).hasMessageContaining("256, 512 or 1024").hasMessageContaining("300");
            assertThat(nothing.value(0, 0)).isNull();
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void similarTextsEmbedCloserThanDifferentOnes(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run(ROLE);

            String e1 = EMBED.formatted("The quick brown fox jumps");
            String e2 = EMBED.formatted("The quick brown fox jumped");
            String e3 = EMBED.formatted("Quarterly revenue grew by 8 percent");

            QueryResult result = stack.run("SELECT VECTOR_COSINE_SIMILARITY(" + e1 + ", " + e1 + ") AS same, "
                    + "VECTOR_COSINE_SIMILARITY(" + e1 + ", " + e2 + ") AS close, "
                    + "VECTOR_COSINE_SIMILARITY(" + e1 + ", " + e3 + ") AS far, "
                    + "VECTOR_EUCLIDEAN_DISTANCE(" + e1 + ", " + e1 + ") AS zero, "
                    + "VECTOR_COSINE_DISTANCE(" + e1 + ", " + e1 + ") AS no_distance, "
                    + "VECTOR_INNER_PRODUCT(" + e1 + ", " + e1 + ") AS norm");

            double same = (Double) result.value(0, 0);
            double close = (Double) result.value(0, 1);
            double far = (Double) result.value(0, 2);
            assertThat(same).isCloseTo(1.0, within(1e-9));
            assertThat(close).isGreaterThan(far);
            assertThat((Double) result.value(0, 3)).isCloseTo(0.0, within(1e-9));
            assertThat((Double) result.value(0, 4)).isCloseTo(0.0, within(1e-9));
            assertThat((Double) result.value(0, 5)).as("Titan vectors are normalized").isCloseTo(1.0, within(1e-6));
        }
    }

    private static final String EMBED = "AI_EMBED_TEXT(MODEL => 'amazon.titan-embed-text-v2:0', INPUT_TEXT => '%s', DIMENSIONS => 256, LOCATION => 'bedrock_role')";

    @Test
    void cohere_isBuiltIn(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run(ROLE);

            QueryResult result = stack.run("SELECT AI_EMBED_TEXT(MODEL => 'cohere.embed-english-v3', INPUT_TEXT => 'hello', LOCATION => 'bedrock_role')");

            assertThat((double[]) result.value(0, 0)).hasSize(1024);
            assertThat(emulator.calls("InvokeModel")).singleElement().satisfies(call -> assertThat(call.modelId()).isEqualTo("cohere.embed-english-v3"));
        }
    }

    @Test
    void cohere_embedsTheRowsOfAStatementInBatchesOfAtMost96(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run(ROLE);
            // Every row's text is sent, so that batching shows; with sharing on, the 50 distinct texts would go in one call.
            stack.run("SET ai_deduplicate_requests = false");
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                rows.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'text ").append(i % 50).append("')");
            }

            QueryResult result = stack.run("SELECT n, AI_EMBED_TEXT(MODEL => 'cohere.embed-english-v3', INPUT_TEXT => t, LOCATION => 'bedrock_role') AS e"
                    + " FROM (VALUES " + rows + ") AS r(n, t)");

            assertThat(result.rows()).hasSize(200).allSatisfy(row -> assertThat((double[]) row.get(1)).hasSize(1024));
            assertThat((double[]) result.value(3, 1)).as("equal texts embed equally, whatever batch they were in").isEqualTo((double[]) result.value(153, 1));
            assertThat((double[]) result.value(3, 1)).isNotEqualTo((double[]) result.value(4, 1));
            assertThat(emulator.calls("InvokeModel")).hasSize(3).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
        }
    }

    @Test
    void aModelAddedThroughTheSpi_isReachableWithoutChangingCore(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run(ROLE);

            QueryResult result = stack.run("SELECT AI_EMBED_TEXT(MODEL => '" + LetterCountEmbeddings.MODEL_ID + "', INPUT_TEXT => 'abba', LOCATION => 'bedrock_role')");

            double[] vector = (double[]) result.value(0, 0);
            assertThat(vector).hasSize(26);
            assertThat(vector[0]).isEqualTo(2.0);
            assertThat(vector[1]).isEqualTo(2.0);
            assertThat(vector[2]).isEqualTo(0.0);
            assertThat(stack.usageToday()).as("the model's reported usage is charged").isEqualTo(4);
        }
    }

    @Test
    void unknownEmbeddingModel_listsTheInstalledOnes(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run(ROLE);

            assertThat(stack.failure("SELECT AI_EMBED_TEXT(MODEL => 'acme.embed-v1', INPUT_TEXT => 'x', LOCATION => 'bedrock_role')"))
                    .hasMessageContaining("'acme.embed-v1'")
                    .hasMessageContaining("titan-embed-text-v2")
                    .hasMessageContaining(LetterCountEmbeddings.NAME);
        }
    }
}
