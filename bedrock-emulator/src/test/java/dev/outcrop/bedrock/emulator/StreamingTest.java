package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

/** InvokeModelWithResponseStream and ConverseStream through the SDK's event-stream decoder (CRCs included). */
@ExtendWith(BedrockEmulatorExtension.class)
class StreamingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOVA = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":"
            + "\"tell me about the layered sedimentary rocks of the quarry\"}]}]}";
    private static BedrockRuntimeAsyncClient client;

    @BeforeAll
    static void connect(BedrockEmulator emulator) {
        client = Clients.bedrockAsync(emulator.endpoint(), Clients.deployment());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    /** Collected stream: decoded chunk JSON, the initial response, and the error if any. */
    record Collected(List<JsonNode> chunks, InvokeModelWithResponseStreamResponse response, Throwable error) {
    }

    static Collected invokeStream(String modelId, String body) {
        List<JsonNode> chunks = new CopyOnWriteArrayList<>();
        AtomicReference<InvokeModelWithResponseStreamResponse> initial = new AtomicReference<>();
        var visitor = InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                .onChunk(c -> {
                    try {
                        chunks.add(JSON.readTree(c.bytes().asUtf8String()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .build();
        var handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .onResponse(initial::set)
                .subscriber(visitor)
                .build();
        Throwable error = null;
        try {
            client.invokeModelWithResponseStream(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)), handler)
                    .join();
        } catch (CompletionException e) {
            error = e.getCause();
        }
        return new Collected(chunks, initial.get(), error);
    }

    @Test
    void novaStreamHasTheCapturedEventSequenceAndMetrics(BedrockEmulator emulator) {
        Collected c = invokeStream("amazon.nova-micro-v1:0", NOVA);
        assertThat(c.error()).isNull();
        assertThat(c.response().contentType()).isEqualTo("application/json");
        assertThat(c.response().sdkHttpResponse().firstMatchingHeader("Content-Type"))
                .contains("application/vnd.amazon.eventstream");
        assertThat(c.response().sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")).isEmpty();
        List<JsonNode> chunks = c.chunks();
        assertThat(chunks.get(0).at("/messageStart/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(n -> n.has("contentBlockDelta"))
                .forEach(n -> text.append(n.at("/contentBlockDelta/delta/text").asText()));
        assertThat(text).hasToString("Echo: tell me about the layered sedimentary rocks of the quarry");
        assertThat(chunks.get(chunks.size() - 2).at("/messageStop/stopReason").asText()).isEqualTo("end_turn");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/metadata/usage/inputTokens").asInt()).isEqualTo(15);
        assertThat(last.at("/metadata/usage/outputTokens").asInt()).isEqualTo(16);
        JsonNode metrics = last.get("amazon-bedrock-invocationMetrics");
        assertThat(metrics.get("inputTokenCount").asInt()).isEqualTo(15);
        assertThat(metrics.get("outputTokenCount").asInt()).isEqualTo(16);
        assertThat(metrics.get("invocationLatency").asLong()).isPositive();
        assertThat(metrics.get("firstByteLatency").asLong()).isPositive();
        assertThat(emulator.calls()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("InvokeModelWithResponseStream");
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.responseBytes()).isPositive();
            assertThat(call.streamCancelled()).isFalse();
        });
    }

    @Test
    void claudeStream() {
        Collected c = invokeStream("anthropic.claude-3-5-sonnet-20240620-v1:0",
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":3,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"a longer question about metamorphic rock\"}]}");
        assertThat(c.error()).isNull();
        List<String> types = c.chunks().stream().map(n -> n.get("type").asText()).toList();
        assertThat(types.get(0)).isEqualTo("message_start");
        assertThat(types.get(1)).isEqualTo("content_block_start");
        assertThat(types.subList(types.size() - 3, types.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
        JsonNode delta = c.chunks().get(c.chunks().size() - 2);
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(3);
        assertThat(c.chunks().get(c.chunks().size() - 1).at("/amazon-bedrock-invocationMetrics/outputTokenCount").asInt())
                .isEqualTo(3);
    }

    @Test
    void llamaTitanAndMistralStream() {
        Collected llama = invokeStream("meta.llama3-8b-instruct-v1:0", "{\"prompt\":\"one two three four five six seven\"}");
        assertThat(llama.chunks().get(0).get("prompt_token_count").asInt()).isEqualTo(9);
        JsonNode lastLlama = llama.chunks().get(llama.chunks().size() - 1);
        assertThat(lastLlama.get("stop_reason").asText()).isEqualTo("stop");
        assertThat(lastLlama.get("generation_token_count").asInt()).isEqualTo(10);
        assertThat(lastLlama.has("amazon-bedrock-invocationMetrics")).isTrue();

        Collected titan = invokeStream("amazon.titan-text-express-v1", "{\"inputText\":\"what is chalk\"}");
        JsonNode lastTitan = titan.chunks().get(titan.chunks().size() - 1);
        assertThat(lastTitan.get("completionReason").asText()).isEqualTo("FINISH");
        assertThat(lastTitan.get("totalOutputTextTokenCount").asInt()).isEqualTo(5);

        Collected mistral = invokeStream("mistral.mixtral-8x7b-instruct-v0:1", "{\"prompt\":\"[INST] flint [/INST]\"}");
        assertThat(mistral.chunks()).last().satisfies(n -> assertThat(n.at("/outputs/0/stop_reason").asText()).isEqualTo("stop"));
    }

    @Test
    void embeddingModelsDoNotStream() {
        Collected c = invokeStream("amazon.titan-embed-text-v2:0", "{\"inputText\":\"x\"}");
        assertThat(c.error()).isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        });
    }

    @Test
    void errorsBeforeTheStreamAreHttpErrors() {
        Collected c = invokeStream("amazon.nova-unknown-v1:0", NOVA);
        assertThat(c.error()).isInstanceOf(ResourceNotFoundException.class);
        assertThat(c.chunks()).isEmpty();
    }

    @Test
    void exceptionFrameMidStream(BedrockEmulator emulator) {
        emulator.faults().set("amazon.nova-micro-v1:0", FaultSpec.builder().cutStreamAfterChunks(2)
                .streamExceptionType("throttlingException").build());
        Collected c = invokeStream("amazon.nova-micro-v1:0", NOVA);
        assertThat(c.chunks()).hasSize(2);
        // Depending on SDK version the frame surfaces as the typed exception or as BedrockRuntimeException.
        assertThat(c.error()).isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isIn("ThrottlingException", "throttlingException");
            assertThat(e.getMessage()).contains("Too many requests");
        });
        assertThat(emulator.calls()).singleElement().satisfies(call -> {
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.errorType()).isEqualTo("ThrottlingException");
        });
    }

    @Test
    void streamCutWithoutFrameFailsTheClient(BedrockEmulator emulator) {
        emulator.faults().set("*", FaultSpec.builder().cutStreamAfterChunks(1).build());
        Collected c = invokeStream("amazon.nova-lite-v1:0", NOVA);
        assertThat(c.chunks()).hasSizeLessThanOrEqualTo(1);
        assertThat(c.error()).isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
    }

    @Test
    void converseStream(BedrockEmulator emulator) {
        StringBuilder text = new StringBuilder();
        AtomicReference<MessageStopEvent> stop = new AtomicReference<>();
        AtomicReference<ConverseStreamMetadataEvent> metadata = new AtomicReference<>();
        var visitor = ConverseStreamResponseHandler.Visitor.builder()
                .onContentBlockDelta((ContentBlockDeltaEvent e) -> text.append(e.delta().text()))
                .onMessageStop(stop::set)
                .onMetadata(metadata::set)
                .build();
        client.converseStream(r -> r.modelId("us.anthropic.claude-3-haiku-20240307-v1:0")
                        .messages(Message.builder().role("user").content(ContentBlock.fromText("streams of gravel")).build()),
                ConverseStreamResponseHandler.builder().subscriber(visitor).build()).join();
        assertThat(text).hasToString("Echo: streams of gravel");
        assertThat(stop.get().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(metadata.get().usage().inputTokens()).isEqualTo(5);
        assertThat(metadata.get().usage().outputTokens()).isEqualTo(6);
        assertThat(metadata.get().usage().totalTokens()).isEqualTo(11);
        assertThat(metadata.get().metrics().latencyMs()).isPositive();
        assertThat(emulator.calls()).singleElement().extracting(RecordedCall::operation).isEqualTo("ConverseStream");
    }

    @Test
    void converseStreamExceptionFrame(BedrockEmulator emulator) {
        emulator.faults().set("*", FaultSpec.builder().cutStreamAfterChunks(1)
                .streamExceptionType("serviceUnavailableException").build());
        assertThatThrownBy(() -> client.converseStream(r -> r.modelId("amazon.nova-pro-v1:0")
                        .messages(Message.builder().role("user").content(ContentBlock.fromText("x")).build()),
                ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor.builder().build())
                        .build()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(BedrockRuntimeException.class, e -> assertThat(
                        e.awsErrorDetails().errorCode()).isIn("ServiceUnavailableException", "serviceUnavailableException"));
    }
}
