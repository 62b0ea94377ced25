package dev.outcrop.bedrock.client.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.spi.EmbeddingModelProvider;
import dev.outcrop.core.spi.EmbeddingRequest;
import dev.outcrop.core.spi.EmbeddingResponse;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BedrockEmulatorExtension.class)
final class EmbeddingModelsTest {

    private static final String COHERE = "cohere.embed-english-v3";
    private static final AwsCredentials DEPLOYMENT = AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);

    @Test
    void titan_embedsOneText_withTheRequestedDimensions(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator)) {
            EmbeddingResponse response = embed(new TitanTextEmbeddings(runtime), TitanTextEmbeddings.MODEL_ID, List.of("hello world"), 256);

            assertThat(response.embeddings()).singleElement().satisfies(v -> assertThat(v).hasSize(256));
            assertThat(response.usage().inputTokens()).isPositive();
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(1);
        }
    }

    @Test
    void titan_manyTexts_oneCallEach_vectorsInOrder(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator)) {
            TitanTextEmbeddings titan = new TitanTextEmbeddings(runtime);
            EmbeddingResponse batch = embed(titan, TitanTextEmbeddings.MODEL_ID, List.of("alpha", "beta", "gamma"), null);
            double[] beta = embed(titan, TitanTextEmbeddings.MODEL_ID, List.of("beta"), null).embeddings().get(0);

            assertThat(batch.embeddings()).hasSize(3);
            assertThat(batch.embeddings().get(1)).containsExactly(beta);
            assertThat(batch.embeddings().get(0)).isNotEqualTo(beta);
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(4);
            assertThat(titan.maxBatchSize()).isEqualTo(1);
        }
    }

    @Test
    void titan_unsupportedDimensions_areRefusedBeforeAnyCall(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator)) {
            assertThatThrownBy(() -> new TitanTextEmbeddings(runtime).validateDimensions(TitanTextEmbeddings.MODEL_ID, 300))
                    .hasMessage("DIMENSIONS for amazon.titan-embed-text-v2:0 must be 256, 512 or 1024 (default 1024), but was 300");
            assertThat(emulator.calls()).isEmpty();
        }
    }

    @Test
    void cohere_severalTexts_oneCall_vectorsInTheOrderOfTheTexts(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator)) {
            CohereEmbeddings cohere = new CohereEmbeddings(runtime);
            EmbeddingResponse batch = embed(cohere, COHERE, List.of("red apple", "blue sky", "green grass"), null);
            emulator.clearCalls();
            double[] sky = embed(cohere, COHERE, List.of("blue sky"), null).embeddings().get(0);

            assertThat(batch.embeddings()).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(1024));
            assertThat(batch.embeddings().get(1)).containsExactly(sky);
            assertThat(batch.embeddings().get(0)).isNotEqualTo(sky);
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(1);
        }
    }

    @Test
    void cohere_moreTextsThanOneCallTakes_areSplitIntoCallsOfNinetySix_inOrder(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator)) {
            CohereEmbeddings cohere = new CohereEmbeddings(runtime);
            List<String> texts = IntStream.range(0, 200).mapToObj(i -> "text number " + i).toList();
            EmbeddingResponse all = embed(cohere, COHERE, texts, null);

            assertThat(all.embeddings()).hasSize(200);
            assertThat(emulator.calls("InvokeModel")).hasSize(3);
            assertThat(emulator.calls("InvokeModel")).extracting(c -> c.requestBytes()).allSatisfy(bytes -> assertThat(bytes).isPositive());
            double[] last = embed(cohere, COHERE, List.of("text number 199"), null).embeddings().get(0);
            double[] hundredth = embed(cohere, COHERE, List.of("text number 100"), null).embeddings().get(0);
            assertThat(all.embeddings().get(199)).containsExactly(last);
            assertThat(all.embeddings().get(100)).containsExactly(hundredth);
            assertThat(all.usage().inputTokens()).isPositive();
        }
    }

    @Test
    void cohere_supportsEnglishMultilingualAndProfiles_only1024Dimensions(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator)) {
            CohereEmbeddings cohere = new CohereEmbeddings(runtime);

            assertThat(cohere.supports("cohere.embed-english-v3")).isTrue();
            assertThat(cohere.supports("us.cohere.embed-multilingual-v3")).isTrue();
            assertThat(cohere.supports("amazon.titan-embed-text-v2:0")).isFalse();
            assertThat(cohere.maxBatchSize()).isEqualTo(96);
            assertThatThrownBy(() -> cohere.validateDimensions(COHERE, 512)).hasMessageContaining("must be 1024 or left out");
        }
    }

    @Test
    void embeddingErrors_areInvocationExceptions(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator)) {
            AwsCredentials restricted = AwsCredentials.of(EmulatorConfig.RESTRICTED_ACCESS_KEY_ID, EmulatorConfig.RESTRICTED_SECRET_ACCESS_KEY);
            var stage = new CohereEmbeddings(runtime).embed(new EmbeddingRequest(COHERE, List.of("x"), null, "us-east-1", restricted));

            assertThatThrownBy(() -> stage.toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.remoteErrorType()).isEqualTo("AccessDeniedException"));
        }
    }

    @Test
    void providers_areRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(EmbeddingModelProvider.class).stream().map(p -> p.get().name()))
                .contains("titan-embed-text-v2", "cohere-embed-v3");
    }

    private static BedrockModelRuntime runtime(BedrockEmulator emulator) {
        return BedrockModelRuntime.create(BedrockClientConfig.builder().transport(BedrockClientConfig.Transport.valueOf(System.getProperty("outcrop.test.transport", "NETTY"))).bedrockEndpoint(emulator.endpoint()).build());
    }

    private static EmbeddingResponse embed(dev.outcrop.core.spi.EmbeddingModel model, String modelId, List<String> texts, Integer dimensions) {
        try {
            return model.embed(new EmbeddingRequest(modelId, texts, dimensions, "us-east-1", DEPLOYMENT)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new AssertionError("embedding failed", e);
        }
    }
}
