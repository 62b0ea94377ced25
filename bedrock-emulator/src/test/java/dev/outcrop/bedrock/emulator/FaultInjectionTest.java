package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

@ExtendWith(BedrockEmulatorExtension.class)
class FaultInjectionTest {
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"fault?\"}]}]}";

    private static void call(BedrockRuntimeClient client, String model) {
        client.invokeModel(r -> r.modelId(model).body(SdkBytes.fromUtf8String(BODY)));
    }

    @Test
    void everyModeledErrorWithItsStatus(BedrockEmulator emulator) {
        Map<String, Class<? extends BedrockRuntimeException>> expected = Map.of(
                "ThrottlingException", ThrottlingException.class,
                "ModelTimeoutException", ModelTimeoutException.class,
                "ModelNotReadyException", ModelNotReadyException.class,
                "ServiceUnavailableException", ServiceUnavailableException.class,
                "ModelErrorException", ModelErrorException.class,
                "InternalServerException", InternalServerException.class,
                "ServiceQuotaExceededException", ServiceQuotaExceededException.class);
        Map<String, Integer> status = Map.of("ThrottlingException", 429, "ModelTimeoutException", 408,
                "ModelNotReadyException", 429, "ServiceUnavailableException", 503, "ModelErrorException", 424,
                "InternalServerException", 500, "ServiceQuotaExceededException", 400);
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            for (var e : expected.entrySet()) {
                emulator.faults().setAll(FaultSpec.builder().serverErrorRate(1.0).serverErrorType(e.getKey()).build());
                assertThatThrownBy(() -> call(client, "amazon.nova-micro-v1:0"))
                        .as(e.getKey())
                        .isInstanceOfSatisfying(e.getValue(), ex -> {
                            assertThat(ex.statusCode()).isEqualTo(status.get(e.getKey()));
                            assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(e.getKey());
                        });
            }
        }
        assertThat(emulator.calls()).extracting(RecordedCall::errorType)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void throttlingAtARateIsRepeatableForASeed(BedrockEmulator emulator) {
        List<Boolean> first = throttledPattern(emulator);
        List<Boolean> second = throttledPattern(emulator);
        assertThat(first).containsExactlyElementsOf(second).contains(true, false);
    }

    private static List<Boolean> throttledPattern(BedrockEmulator emulator) {
        emulator.faults().reset();
        emulator.faults().setAll(FaultSpec.builder().throttleRate(0.5).build());
        List<Boolean> throttled = new ArrayList<>();
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            for (int i = 0; i < 12; i++) {
                try {
                    call(client, "amazon.nova-micro-v1:0");
                    throttled.add(false);
                } catch (ThrottlingException e) {
                    throttled.add(true);
                }
            }
        }
        return throttled;
    }

    @Test
    void faultsApplyPerModel(BedrockEmulator emulator) {
        emulator.faults().set("amazon.nova-micro-v1:0", FaultSpec.builder().throttleRate(1.0).build());
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            assertThatThrownBy(() -> call(client, "us.amazon.nova-micro-v1:0")).isInstanceOf(ThrottlingException.class);
            call(client, "amazon.nova-lite-v1:0");
        }
        assertThat(emulator.calls()).extracting(RecordedCall::status).containsExactly(429, 200);
    }

    @Test
    void mostSpecificPatternWins(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build())
                .set("amazon.nova-*", FaultSpec.NONE);
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            call(client, "amazon.nova-pro-v1:0");
            assertThatThrownBy(() -> client.invokeModel(r -> r.modelId("meta.llama3-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"x\"}")))).isInstanceOf(ThrottlingException.class);
        }
    }

    @Test
    void connectionResetFailsTheCall(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().connectionResetRate(1.0).build());
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            assertThatThrownBy(() -> call(client, "amazon.nova-micro-v1:0")).isInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void requestsPerSecondLimitThrottlesTheExcess() {
        // A frozen clock puts every call into the same one-second window, so exactly the limit passes.
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.builder().port(0).clock(frozen).build());
             BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            emulator.faults().set("amazon.nova-micro-v1:0", FaultSpec.builder().maxRequestsPerSecond(3).build());
            int throttled = 0;
            for (int i = 0; i < 7; i++) {
                try {
                    call(client, "amazon.nova-micro-v1:0");
                } catch (ThrottlingException e) {
                    throttled++;
                }
            }
            assertThat(throttled).isEqualTo(4);
            assertThat(emulator.callCount("InvokeModel")).isEqualTo(7);
        }
    }

    @Test
    void retryAfterIsSentWithThrottlingAnd503Answers_onlyWhenConfigured(BedrockEmulator emulator) {
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build());
            assertThat(retryAfterOfFailedCall(client)).isEmpty();

            emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).retryAfter(java.time.Duration.ofSeconds(7)).build());
            assertThat(retryAfterOfFailedCall(client)).contains("7");

            emulator.faults().setAll(FaultSpec.builder().serverErrorRate(1.0).serverErrorType("ServiceUnavailableException")
                    .retryAfter(java.time.Duration.ofSeconds(2)).build());
            assertThat(retryAfterOfFailedCall(client)).contains("2");

            // A 500 is not an answer Retry-After belongs to (RFC 9110 names 503 and 3xx; 429 is RFC 6585's).
            emulator.faults().setAll(FaultSpec.builder().serverErrorRate(1.0).retryAfter(java.time.Duration.ofSeconds(2)).build());
            assertThat(retryAfterOfFailedCall(client)).isEmpty();
        }
    }

    @Test
    void retryAfterMustBeWholeSecondsAndIsSetOverTheAdminApiToo(BedrockEmulator emulator) throws Exception {
        assertThatThrownBy(() -> FaultSpec.builder().retryAfter(java.time.Duration.ofMillis(1500)).build())
                .hasMessageContaining("retryAfter");
        assertThatThrownBy(() -> FaultSpec.builder().retryAfter(java.time.Duration.ofSeconds(-1)).build())
                .hasMessageContaining("retryAfter");
        assertThat(FaultSpec.NONE.retryAfter()).isNull();

        var http = java.net.http.HttpClient.newHttpClient();
        var set = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.endpoint() + "/_emulator/faults"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"throttleRate\":1.0,\"retryAfterSeconds\":3}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("\"retryAfterSeconds\":3");
        assertThat(emulator.faults().current().get("*").retryAfter()).isEqualTo(java.time.Duration.ofSeconds(3));
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            assertThat(retryAfterOfFailedCall(client)).contains("3");
        }
    }

    private static java.util.Optional<String> retryAfterOfFailedCall(BedrockRuntimeClient client) {
        try {
            call(client, "amazon.nova-micro-v1:0");
        } catch (BedrockRuntimeException e) {
            return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After");
        }
        throw new AssertionError("the call was expected to fail");
    }

    @Test
    void latencyStillAnswers(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().latency(java.time.Duration.ofMillis(50))
                .latencyJitter(java.time.Duration.ofMillis(20)).build());
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            String text = client.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String(BODY))).body().asUtf8String();
            assertThat(text).contains("Echo: fault?");
        }
    }
}
