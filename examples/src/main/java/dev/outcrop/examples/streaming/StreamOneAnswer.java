package dev.outcrop.examples.streaming;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.StreamCompletion;
import dev.outcrop.core.port.StreamEvent;
import dev.outcrop.core.port.TextDelta;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One model answer streamed as it is generated, through the model runtime port ({@code ModelRuntime.converseStream},
 * Bedrock's ConverseStream): each {@link TextDelta} is printed the moment it arrives, then the
 * {@link StreamCompletion} with the stop reason and the tokens used. {@code invokeModelStream} does the same for
 * InvokeModelWithResponseStream with a model's native body. SQL has no streaming form of one answer: AI functions
 * give whole values, and a SELECT streams its rows (see {@link StreamManyRows}).
 *
 * <p>The emulator waits 100 ms between chunks here, so that the answer visibly arrives piece by piece.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.outcrop.examples.streaming.StreamOneAnswer
 * -Dexec.args="Tell me about the outcrop on the hill"}
 */
public final class StreamOneAnswer {

    private StreamOneAnswer() {
    }

    public static void main(String[] args) {
        String prompt = args.length > 0 ? String.join(" ", args) : "Tell me a story about a granite outcrop high above the river";
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).build());
             BedrockModelRuntime bedrock = BedrockModelRuntime.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).build())) {
            emulator.faults().set("*", FaultSpec.builder().chunkDelay(Duration.ofMillis(100)).build());

            // On AWS: credentials that may call the model (a location's, once Outcrop has resolved them) and its region.
            ConverseRequest request = new ConverseRequest("amazon.nova-micro-v1:0", prompt, "us-east-1",
                    AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY));
            CompletableFuture<StreamCompletion> done = new CompletableFuture<>();
            bedrock.converseStream(request).subscribe(new Flow.Subscriber<StreamEvent>() {
                private Flow.Subscription subscription;
                private final StringBuilder answer = new StringBuilder();
                private int deltas;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    this.subscription = subscription;
                    subscription.request(1);                       // one event at a time: the stream honours demand
                }

                @Override
                public void onNext(StreamEvent event) {
                    if (event instanceof TextDelta delta) {
                        deltas++;
                        answer.append(delta.text());
                        System.out.print("[" + delta.text() + "]");
                        System.out.flush();
                    }
                    else if (event instanceof StreamCompletion completion) {
                        System.out.println();
                        System.out.println("answer: " + answer);
                        System.out.println(deltas + " deltas; stop reason " + completion.stopReason() + "; tokens in "
                                + completion.usage().inputTokens() + ", out " + completion.usage().outputTokens());
                        done.complete(completion);
                    }
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable failure) {
                    // An exception frame or a cut connection: no StreamCompletion, so a partial answer is never taken for a whole one.
                    done.completeExceptionally(failure);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            done.join();
        }
    }
}
