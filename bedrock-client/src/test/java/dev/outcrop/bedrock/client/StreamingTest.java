package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.CLAUDE;
import static dev.outcrop.bedrock.client.Emulated.DEPLOYMENT;
import static dev.outcrop.bedrock.client.Emulated.NOVA;
import static dev.outcrop.bedrock.client.Emulated.REGION;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.StreamCompletion;
import dev.outcrop.core.port.TextDelta;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BedrockEmulatorExtension.class)
final class StreamingTest {

    private static final String LONG_PROMPT = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen";

    @Test
    void converseStream_deliversDeltasThenOneCompletionWithUsage(BedrockEmulator emulator) {
        // An earlier test's stream may still be ending (and be logged late): start from a quiet, empty log.
        eventually(() -> emulator.requestsInProgress() == 0, "the emulator is idle");
        emulator.clearCalls();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            runtime.converseStream(new ConverseRequest(NOVA, LONG_PROMPT, REGION, DEPLOYMENT)).subscribe(subscriber);

            assertThat(subscriber.awaitEnd()).isNull();
            assertThat(subscriber.text()).isEqualTo("Echo: " + LONG_PROMPT);
            assertThat(subscriber.deltas()).isGreaterThan(1);
            assertThat(subscriber.events.get(subscriber.events.size() - 1)).isInstanceOf(StreamCompletion.class);
            StreamCompletion completion = subscriber.completion();
            assertThat(completion.usage().reported()).isTrue();
            assertThat(completion.usage().outputTokens()).isEqualTo((("Echo: " + LONG_PROMPT).length() + 3) / 4);
            assertThat(completion.stopReason()).isEqualTo("end_turn");
            assertThat(emulator.callCount("ConverseStream")).isEqualTo(1);
        }
    }

    @Test
    void invokeModelStream_readsTheTextOfNovaAndClaudeChunks_andUsageFromInvocationMetrics(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            for (InvokeModelRequest request : new InvokeModelRequest[] {
                    new InvokeModelRequest(NOVA, Emulated.novaBody(LONG_PROMPT), REGION, DEPLOYMENT),
                    new InvokeModelRequest(CLAUDE, Emulated.claudeBody(LONG_PROMPT), REGION, DEPLOYMENT)}) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                runtime.invokeModelStream(request).subscribe(subscriber);

                assertThat(subscriber.awaitEnd()).as(request.modelId()).isNull();
                assertThat(subscriber.text()).as(request.modelId()).isEqualTo("Echo: " + LONG_PROMPT);
                assertThat(subscriber.completion().usage().reported()).isTrue();
                assertThat(subscriber.completion().usage().inputTokens()).isPositive();
                assertThat(subscriber.completion().usage().outputTokens()).isEqualTo((("Echo: " + LONG_PROMPT).length() + 3) / 4);
            }
            assertThat(emulator.callCount("InvokeModelWithResponseStream")).isEqualTo(2);
        }
    }

    @Test
    void stream_deliversNoMoreThanRequested(BedrockEmulator emulator) throws InterruptedException {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            RecordingSubscriber subscriber = new RecordingSubscriber(0);
            runtime.converseStream(new ConverseRequest(NOVA, LONG_PROMPT, REGION, DEPLOYMENT)).subscribe(subscriber);

            subscriber.request(2);
            eventually(() -> subscriber.events.size() == 2, "two deltas");
            Thread.sleep(200);   // room for a wrongly delivered third event to show up
            assertThat(subscriber.events).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(TextDelta.class));
            assertThat(subscriber.done).isNotDone();

            subscriber.request(Long.MAX_VALUE);
            assertThat(subscriber.awaitEnd()).isNull();
            assertThat(subscriber.text()).isEqualTo("Echo: " + LONG_PROMPT);
        }
    }

    @Test
    void cancel_closesTheHttpStream_andTheEmulatorSeesIt(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().chunkDelay(Duration.ofMillis(100)).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            RecordingSubscriber subscriber = new RecordingSubscriber(1);
            runtime.converseStream(new ConverseRequest(NOVA, LONG_PROMPT, REGION, DEPLOYMENT)).subscribe(subscriber);
            eventually(() -> subscriber.events.size() == 1, "the first delta");

            subscriber.cancel();

            eventually(() -> emulator.cancelledStreams() == 1, "the emulator saw the stream cancelled");
            assertThat(subscriber.done).isNotDone();
            assertThat(emulator.calls("ConverseStream")).singleElement().satisfies(call -> assertThat(call.streamCancelled()).isTrue());
        }
    }

    @Test
    void exceptionFrameMidStream_endsWithThatError_afterTheDeltasAlreadyDelivered(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().cutStreamAfterChunks(4).streamExceptionType("throttlingException").build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            runtime.converseStream(new ConverseRequest(NOVA, LONG_PROMPT, REGION, DEPLOYMENT)).subscribe(subscriber);

            Throwable failure = subscriber.awaitEnd();
            assertThat(failure).isInstanceOf(InvocationException.class);
            InvocationException e = (InvocationException) failure;
            assertThat(e.remoteErrorType()).isEqualTo("ThrottlingException");
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.retryable()).isTrue();
            assertThat(e.errorCode()).isEqualTo(dev.outcrop.core.error.OutcropErrorCode.MODEL_THROTTLED.toErrorCode());
            assertThat(subscriber.deltas()).isPositive();
            assertThat(subscriber.completion()).isNull();
            assertThat(("Echo: " + LONG_PROMPT)).startsWith(subscriber.text()).isNotEqualTo(subscriber.text());
        }
    }

    @Test
    void modelStreamErrorFrame_inInvokeModelStream_endsWithThatError(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().cutStreamAfterChunks(3).streamExceptionType("modelStreamErrorException").build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            runtime.invokeModelStream(new InvokeModelRequest(NOVA, Emulated.novaBody(LONG_PROMPT), REGION, DEPLOYMENT)).subscribe(subscriber);

            Throwable failure = subscriber.awaitEnd();
            assertThat(failure).isInstanceOf(InvocationException.class);
            assertThat(((InvocationException) failure).remoteErrorType()).isEqualTo("ModelStreamErrorException");
            assertThat(failure.getMessage()).isNotBlank();
            assertThat(subscriber.completion()).isNull();
        }
    }

    @Test
    void streamCutWithoutAFrame_isAnError_notANormalEnd(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().cutStreamAfterChunks(4).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            for (boolean converse : new boolean[] {true, false}) {
                RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
                (converse ? runtime.converseStream(new ConverseRequest(NOVA, LONG_PROMPT, REGION, DEPLOYMENT))
                        : runtime.invokeModelStream(new InvokeModelRequest(NOVA, Emulated.novaBody(LONG_PROMPT), REGION, DEPLOYMENT)))
                        .subscribe(subscriber);

                Throwable failure = subscriber.awaitEnd();
                assertThat(failure).as("converse=" + converse).isInstanceOf(InvocationException.class);
                assertThat(((InvocationException) failure).retryable()).isTrue();
                assertThat(subscriber.deltas()).isPositive();
                assertThat(subscriber.completion()).isNull();
            }
        }
    }

    @Test
    void stream_silentLongerThanTheReadTimeout_failsRetryable(BedrockEmulator emulator) {
        // CRT checks a connection's throughput once a second and needs at least two seconds: a longer silence there.
        boolean crt = Emulated.TRANSPORT != BedrockClientConfig.Transport.NETTY;
        emulator.faults().setAll(FaultSpec.builder().chunkDelay(Duration.ofSeconds(crt ? 6 : 2)).build());
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).readTimeout(crt ? Duration.ofSeconds(2) : Duration.ofMillis(300)).build())) {
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            runtime.converseStream(new ConverseRequest(NOVA, LONG_PROMPT, REGION, DEPLOYMENT)).subscribe(subscriber);

            Throwable failure = subscriber.awaitEnd();
            assertThat(failure).isInstanceOf(InvocationException.class);
            assertThat(((InvocationException) failure).remoteErrorType()).isEqualTo("Timeout");
            assertThat(((InvocationException) failure).retryable()).isTrue();
            assertThat(failure.getMessage()).contains("outcrop.bedrock.read-timeout").doesNotContain("Channel Information");
            assertThat(subscriber.completion()).isNull();
        }
    }

    @Test
    void stream_longerThanTheCallTimeout_failsAsTimeoutAfterItsDeltas(BedrockEmulator emulator) {
        emulator.faults().setAll(FaultSpec.builder().chunkDelay(Duration.ofMillis(100)).build());
        var config = config(emulator).apiCallTimeout(Duration.ofMillis(500)).apiCallAttemptTimeout(Duration.ofMillis(500)).build();
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config)) {
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            runtime.converseStream(new ConverseRequest(NOVA, LONG_PROMPT, REGION, DEPLOYMENT)).subscribe(subscriber);

            Throwable failure = subscriber.awaitEnd();
            assertThat(failure).isInstanceOf(InvocationException.class);
            assertThat(((InvocationException) failure).remoteErrorType()).isEqualTo("Timeout");
            assertThat(failure.getMessage()).contains("outcrop.bedrock.api-call-timeout");
            assertThat(subscriber.deltas()).isPositive();
            assertThat(subscriber.completion()).isNull();
        }
    }

    @Test
    void errorBeforeTheStream_arrivesAsOnError(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
            runtime.converseStream(new ConverseRequest(NOVA, "hi", REGION, Emulated.RESTRICTED)).subscribe(subscriber);

            Throwable failure = subscriber.awaitEnd();
            assertThat(failure).isInstanceOf(InvocationException.class);
            assertThat(((InvocationException) failure).remoteErrorType()).isEqualTo("AccessDeniedException");
            assertThat(subscriber.events).isEmpty();
        }
    }

    @Test
    void request_nonPositive_failsTheStream(BedrockEmulator emulator) {
        try (BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            RecordingSubscriber subscriber = new RecordingSubscriber(0);
            runtime.converseStream(new ConverseRequest(NOVA, "hi", REGION, DEPLOYMENT)).subscribe(subscriber);
            subscriber.request(0);

            assertThat(subscriber.awaitEnd()).hasMessageContaining("rule 3.9");
        }
    }
}
