package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/** Counters, the call log, connection counts, cancelled streams and the admin API. */
@ExtendWith(BedrockEmulatorExtension.class)
class ObservationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"observe\"}]}]}";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noCallMadeMeansAnEmptyLog(BedrockEmulator emulator) {
        assertThat(emulator.calls()).isEmpty();
        assertThat(emulator.callCount("InvokeModel")).isZero();
    }

    @Test
    void callsAreInArrivalOrderAndClearable(BedrockEmulator emulator) {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            for (String model : new String[] {"amazon.nova-micro-v1:0", "amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0"}) {
                client.invokeModel(r -> r.modelId(model).body(SdkBytes.fromUtf8String(BODY)));
            }
        }
        assertThat(emulator.calls()).extracting(RecordedCall::modelId)
                .containsExactly("amazon.nova-micro-v1:0", "amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0");
        assertThat(emulator.calls()).allSatisfy(c -> assertThat(c.responseBytes()).isPositive());
        emulator.clearCalls();
        assertThat(emulator.calls()).isEmpty();
        assertThat(emulator.callCount("InvokeModel")).isZero();
    }

    @Test
    void connectionsAreCountedAsTheyOpenAndClose() {
        // Its own emulator: no other test's pooled connections can show up in the counts.
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.builder().port(0).build())) {
            try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
                for (int i = 0; i < 5; i++) {
                    client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0").body(SdkBytes.fromUtf8String(BODY)));
                }
                // Keep-alive: five sequential HTTP/1.1 calls share one connection.
                assertThat(emulator.connectionsOpened()).isEqualTo(1);
                assertThat(emulator.openConnections()).isEqualTo(1);
            }
            try (BedrockRuntimeAsyncClient h2 = Clients.bedrockAsync(emulator.endpoint(), Clients.deployment(),
                    Protocol.HTTP2)) {
                h2.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0").body(SdkBytes.fromUtf8String(BODY))).join();
                h2.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0").body(SdkBytes.fromUtf8String(BODY))).join();
                // HTTP/2 multiplexes both calls on one more connection.
                assertThat(emulator.connectionsOpened()).isEqualTo(2);
            }
            // The HTTP/2 client closes its connection on close; the JDK drops its idle keep-alive one after 5 s.
            Await.until(() -> emulator.openConnections() == 0, "both client connections are seen closed");
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(7);
        }
    }

    @Test
    void aClientThatCancelsAStreamIsRecorded(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().chunkDelay(Duration.ofMillis(200)).build());
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        CompletableFuture<Void> firstChunk = new CompletableFuture<>();
        var handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .onEventStream(publisher -> publisher.subscribe(new org.reactivestreams.Subscriber<ResponseStream>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        subscription.set(s);
                        s.request(1);
                    }

                    @Override
                    public void onNext(ResponseStream event) {
                        firstChunk.complete(null);
                    }

                    @Override
                    public void onError(Throwable t) {
                        firstChunk.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                    }
                }))
                .build();
        BedrockRuntimeAsyncClient client = Clients.bedrockAsync(emulator.endpoint(), Clients.deployment(),
                Protocol.HTTP1_1);
        CompletableFuture<Void> call = client.invokeModelWithResponseStream(r -> r.modelId("amazon.nova-micro-v1:0")
                .body(SdkBytes.fromUtf8String(
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + "word ".repeat(40) + "\"}]}]}")),
                handler);
        firstChunk.join();
        // Walking away mid-stream: the client closes its connections while frames are still coming.
        client.close();
        call.exceptionally(t -> null);
        Await.until(() -> emulator.cancelledStreams() == 1, "the emulator notices the cancelled stream");
        assertThat(emulator.calls()).singleElement().satisfies(c -> {
            assertThat(c.streamCancelled()).isTrue();
            assertThat(c.operation()).isEqualTo("InvokeModelWithResponseStream");
        });
    }

    @Test
    void anHttp2StreamCancelledByTheSubscriberIsRecorded(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().chunkDelay(Duration.ofMillis(200)).build());
        CompletableFuture<Void> firstChunk = new CompletableFuture<>();
        var handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .onEventStream(publisher -> publisher.subscribe(new org.reactivestreams.Subscriber<ResponseStream>() {
                    private Subscription subscription;

                    @Override
                    public void onSubscribe(Subscription s) {
                        subscription = s;
                        s.request(1);
                    }

                    @Override
                    public void onNext(ResponseStream event) {
                        // Losing interest after the first chunk: the SDK resets the HTTP/2 stream.
                        subscription.cancel();
                        firstChunk.complete(null);
                    }

                    @Override
                    public void onError(Throwable t) {
                        firstChunk.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                    }
                }))
                .build();
        try (BedrockRuntimeAsyncClient client = Clients.bedrockAsync(emulator.endpoint(), Clients.deployment(),
                Protocol.HTTP2)) {
            CompletableFuture<Void> call = client.invokeModelWithResponseStream(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\""
                            + "word ".repeat(40) + "\"}]}]}")), handler);
            firstChunk.join();
            call.exceptionally(t -> null);
            Await.until(() -> emulator.cancelledStreams() == 1, "the emulator notices the reset stream");
        }
        assertThat(emulator.calls()).singleElement().satisfies(c -> assertThat(c.streamCancelled()).isTrue());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Protocol.class, names = {"HTTP1_1", "HTTP2"})
    void aCallCancelledBeforeItsAnswerIsCountedAsAbandoned(Protocol protocol, BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofSeconds(2)).build());
        try (BedrockRuntimeAsyncClient client = Clients.bedrockAsync(emulator.endpoint(), Clients.deployment(), protocol)) {
            CompletableFuture<?> call = client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String(BODY)));
            Await.until(() -> emulator.requestsInProgress() == 1, "the request arrives and waits out its latency");
            assertThat(emulator.abandonedRequests()).isZero();

            call.cancel(true);

            Await.until(() -> emulator.abandonedRequests() == 1, "the emulator notices the client went away");
            assertThat(emulator.requestsInProgress()).isZero();
            assertThat(emulator.cancelledStreams()).isZero();
            assertThat(emulator.calls()).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo(499);
                assertThat(c.streamCancelled()).isFalse();
            });
        }
    }

    @Test
    void answeredCallsAndResetFaultsAreNotAbandoned(BedrockEmulator emulator) {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0").body(SdkBytes.fromUtf8String(BODY)));
            emulator.faults().setAll(FaultSpec.builder().connectionResetRate(1.0).build());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.invokeModel(r -> r
                    .modelId("amazon.nova-micro-v1:0").body(SdkBytes.fromUtf8String(BODY))));
        }
        assertThat(emulator.calls()).hasSize(2);
        assertThat(emulator.abandonedRequests()).isZero();
        assertThat(emulator.requestsInProgress()).isZero();
    }

    @Test
    void adminApiSetsFaultsAndShowsCalls(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(admin(emulator, "faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"amazon.nova-micro-v1:0\",\"throttleRate\":1.0}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).at("/amazon.nova-micro-v1:0/throttleRate").asDouble()).isEqualTo(1.0);
        assertThat(emulator.faults().current()).containsKey("amazon.nova-micro-v1:0");
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.invokeModel(r -> r
                    .modelId("amazon.nova-micro-v1:0").body(SdkBytes.fromUtf8String(BODY))))
                    .isInstanceOf(ThrottlingException.class);
        }
        JsonNode calls = JSON.readTree(get(emulator, "calls"));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("operation").asText()).isEqualTo("InvokeModel");
        assertThat(calls.get(0).get("errorType").asText()).isEqualTo("ThrottlingException");
        assertThat(calls.get(0).get("status").asInt()).isEqualTo(429);
        JsonNode stats = JSON.readTree(get(emulator, "stats"));
        assertThat(stats.at("/operations/InvokeModel").asLong()).isEqualTo(1);
        assertThat(stats.get("connectionsOpened").asLong()).isPositive();
        assertThat(stats.get("abandonedRequests").asLong()).isZero();
        assertThat(stats.get("requestsInProgress").asLong()).isZero();

        HttpResponse<String> cleared = http.send(HttpRequest.newBuilder(admin(emulator, "faults")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(emulator.faults().current()).isEmpty();
        http.send(HttpRequest.newBuilder(admin(emulator, "calls")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(emulator.calls()).isEmpty();
        assertThat(JSON.readTree(get(emulator, "health")).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void adminApiRefusesNonsense(BedrockEmulator emulator) throws Exception {
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(admin(emulator, "faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"throttleRate\":7}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("throttleRate");
        HttpResponse<String> notJson = http.send(HttpRequest.newBuilder(admin(emulator, "faults"))
                .POST(HttpRequest.BodyPublishers.ofString("nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(admin(emulator, "nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(emulator.calls()).isEmpty();
    }

    private static URI admin(BedrockEmulator emulator, String resource) {
        return URI.create(emulator.endpoint() + "/_emulator/" + resource);
    }

    private String get(BedrockEmulator emulator, String resource) throws Exception {
        return http.send(HttpRequest.newBuilder(admin(emulator, resource)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
