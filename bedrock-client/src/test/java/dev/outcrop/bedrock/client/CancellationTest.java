package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.DEPLOYMENT;
import static dev.outcrop.bedrock.client.Emulated.NOVA;
import static dev.outcrop.bedrock.client.Emulated.REGION;
import static dev.outcrop.bedrock.client.Emulated.await;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.eventually;
import static dev.outcrop.bedrock.client.Emulated.nova;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.client.embedding.CohereEmbeddings;
import dev.outcrop.bedrock.client.embedding.TitanTextEmbeddings;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.spi.EmbeddingRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Core cancels {@code toCompletableFuture()} of what a call returned when its statement is cancelled; the request must
 * then be aborted on the wire, which the emulator sees as a request abandoned before its answer. Every call waits out
 * a 2 s latency at the emulator, so it is still unanswered when cancelled.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class CancellationTest {

    private static final FaultSpec SLOW = FaultSpec.builder().latency(Duration.ofSeconds(2)).build();

    /**
     * One connection (HTTP/1.1) or stream (HTTP/2) in the pool: the call after the cancelled one can only run if the
     * cancelled call gave its slot back.
     */
    private static BedrockModelRuntime runtime(BedrockEmulator emulator, BedrockClientConfig.Protocol protocol) {
        return BedrockModelRuntime.create(config(emulator).protocol(protocol).maxConcurrency(1).maxAttempts(1)
                .connectionAcquisitionTimeout(Duration.ofSeconds(10)).build());
    }

    @ParameterizedTest
    @MethodSource("dev.outcrop.bedrock.client.Emulated#protocols")
    void invokeModel_cancelled_abortsTheRequest_andTheRuntimeStaysUsable(BedrockClientConfig.Protocol protocol, BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator, protocol)) {
            long connectionsBefore = emulator.connectionsOpened();
            cancelAndExpectAbandoned(emulator, 1, () -> runtime.invokeModel(nova("cancel me")));

            emulator.faults().reset();
            assertThat(await(runtime.invokeModel(nova("after"))).body()).contains("Echo: after");
            assertThat(emulator.calls("InvokeModel")).extracting(c -> c.status()).containsExactly(499, 200);
            if (protocol == BedrockClientConfig.Protocol.HTTP1_1) {
                // HTTP/1.1 can only abort by closing the connection, so the next call opens another. (HTTP/2 resets the
                // stream and keeps the connection, but whether the next call reuses it depends on when the SDK hands
                // the stream back, so that is not asserted.)
                assertThat(emulator.connectionsOpened() - connectionsBefore).as("connections opened").isEqualTo(2);
            }
        }
    }

    @Test
    void converse_cancelled_abortsTheRequest_andTheRuntimeStaysUsable(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = runtime(emulator, BedrockClientConfig.Protocol.HTTP1_1)) {
            cancelAndExpectAbandoned(emulator, 1, () -> runtime.converse(new ConverseRequest(NOVA, "cancel me", REGION, DEPLOYMENT)));

            emulator.faults().reset();
            assertThat(await(runtime.converse(new ConverseRequest(NOVA, "after", REGION, DEPLOYMENT))).text()).isEqualTo("Echo: after");
        }
    }

    @Test
    void titanEmbedding_ofSeveralTexts_cancelled_abortsEveryCall(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(1).build())) {
            TitanTextEmbeddings titan = new TitanTextEmbeddings(runtime);
            // Titan embeds one text per call: three texts are three calls in flight.
            cancelAndExpectAbandoned(emulator, 3, () -> titan.embed(
                    new EmbeddingRequest(TitanTextEmbeddings.MODEL_ID, List.of("a", "b", "c"), null, REGION, DEPLOYMENT)));

            emulator.faults().reset();
            assertThat(await(titan.embed(new EmbeddingRequest(TitanTextEmbeddings.MODEL_ID, List.of("d"), null, REGION, DEPLOYMENT)))
                    .embeddings()).hasSize(1);
        }
    }

    @Test
    void cohereEmbedding_cancelled_abortsItsCall(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).maxAttempts(1).build())) {
            CohereEmbeddings cohere = new CohereEmbeddings(runtime);
            cancelAndExpectAbandoned(emulator, 1, () -> cohere.embed(
                    new EmbeddingRequest("cohere.embed-english-v3", List.of("a", "b"), null, REGION, DEPLOYMENT)));
        }
    }

    /** Starts the call, waits until the emulator holds its {@code requests}, cancels it as core does, and checks. */
    private static void cancelAndExpectAbandoned(BedrockEmulator emulator, int requests, Supplier<CompletionStage<?>> call) {
        emulator.faults().setAll(SLOW);
        CompletableFuture<?> future = call.get().toCompletableFuture();
        eventually(() -> emulator.requestsInProgress() == requests, requests + " request(s) waiting at the emulator");

        assertThat(future.cancel(true)).isTrue();

        eventually(() -> emulator.abandonedRequests() == requests, "the emulator sees every request abandoned");
        assertThat(future).isCancelled();
        assertThat(emulator.requestsInProgress()).isZero();
        assertThat(emulator.calls()).hasSize(requests).allSatisfy(c -> assertThat(c.status()).isEqualTo(499));
    }
}
