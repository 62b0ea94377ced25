package dev.outcrop.bedrock.client;

import static java.util.Objects.requireNonNull;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.client.internal.BlockingClients;
import dev.outcrop.bedrock.client.internal.ClientFactory;
import dev.outcrop.bedrock.client.internal.ErrorMapping;
import dev.outcrop.bedrock.client.internal.EventStreamPublisher;
import dev.outcrop.bedrock.client.internal.SdkClients;
import dev.outcrop.bedrock.client.internal.SdkCredentials;
import dev.outcrop.bedrock.client.internal.direct.Answer;
import dev.outcrop.bedrock.client.internal.direct.ConverseJson;
import dev.outcrop.bedrock.client.internal.direct.DirectBlockingCalls;
import dev.outcrop.bedrock.client.internal.direct.DirectCalls;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.StreamEvent;
import dev.outcrop.core.port.TokenUsage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Core's {@link ModelRuntime} on the AWS SDK for Java v2: one {@link BedrockRuntimeAsyncClient} per
 * (region, endpoint), all on one Netty connection pool, with each call signed by the credentials core
 * resolved for its location. Retries, backoff and timeouts are the SDK's, set from
 * {@link BedrockClientConfig}. Closing it closes the clients and the pool.
 */
public final class BedrockModelRuntime implements ModelRuntime {

    private static final String JSON = "application/json";

    private final BedrockClientConfig config;
    private final SdkClients<BedrockRuntimeAsyncClient> clients;
    private final BlockingClients blocking;
    /** InvokeModel and Converse without the SDK's pipeline, for the DIRECT transport; null for the others. */
    private final DirectCalls direct;
    /** The blocking calls without the SDK's synchronous pipeline, for the DIRECT transport; null for the others. */
    private final DirectBlockingCalls directBlocking;
    /**
     * Where DIRECT calls complete when {@code complete-on-io-thread} is false (the SDK transports use the SDK's own
     * pool then); null when they complete on the I/O thread that read the answer.
     */
    private final java.util.concurrent.ExecutorService completions;

    private BedrockModelRuntime(BedrockClientConfig config) {
        this.config = config;
        this.clients = new SdkClients<>(config, config.bedrockEndpoint(), (http, timers, key) -> ClientFactory.bedrock(config, http, timers, key));
        this.blocking = new BlockingClients(config, config.bedrockEndpoint());
        this.direct = config.transport() == BedrockClientConfig.Transport.DIRECT
                ? new DirectCalls(config, config.bedrockEndpoint(), clients.http(), clients.timers())
                : null;
        this.directBlocking = direct != null
                ? new DirectBlockingCalls(config, config.bedrockEndpoint(), blocking::http, blocking::timers)
                : null;
        this.completions = direct != null && !config.completeOnIoThread()
                ? java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                        new io.netty.util.concurrent.DefaultThreadFactory("outcrop-bedrock-completions", true))
                : null;
    }

    public static BedrockModelRuntime create(BedrockClientConfig config) {
        return new BedrockModelRuntime(requireNonNull(config, "config is null"));
    }

    public BedrockClientConfig config() {
        return config;
    }

    /**
     * The most calls this runtime runs at once without queueing them in its Netty connection pool:
     * {@link BedrockClientConfig#maxConcurrency()}. The SDK's Netty client (2.57) has one pool per endpoint
     * (scheme, host and port) and caps each at maxConcurrency acquisitions: with HTTP/1.1 that is connections
     * (one call each), with HTTP/2 it is streams (one call each, multiplexed over connections of up to
     * maxConcurrency streams), so in both cases it counts calls. Calls to several regions go to several AWS
     * endpoints, each with a pool of its own, so more could run at once; the number reported is the one that
     * holds however calls are spread (all regions share one pool when an endpoint override is set). Calls past
     * it wait in the pool, up to {@code outcrop.bedrock.max-pending-connection-acquires} of them and for at most
     * {@code outcrop.bedrock.connection-acquisition-timeout}, and then fail with
     * {@link dev.outcrop.core.error.OutcropErrorCode#LOCAL_CAPACITY_EXHAUSTED}.
     */
    @Override
    public int maxConcurrentCalls() {
        return config.maxConcurrency();
    }

    /** Cancelling the returned future ({@code toCompletableFuture().cancel}) aborts the HTTP request. */
    @Override
    public CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
        if (direct != null) {
            CompletableFuture<Answer> answer;
            try {
                clients.ensureOpen();
                answer = direct.invokeModel(request.region(), request.modelId(), request.body(), request.credentials());
            }
            catch (RuntimeException e) {
                return CompletableFuture.failedFuture(ErrorMapping.map(e, OutcropErrorCode.MODEL_INVOCATION_FAILED, config));
            }
            return abortable(completed(answer), a -> new InvokeModelResponse(a.text(), usage(a.response())));
        }
        CompletableFuture<software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse> call;
        try {
            call = client(request.region()).invokeModel(builder -> builder
                    .modelId(request.modelId())
                    .contentType(JSON)
                    .accept(JSON)
                    .body(SdkBytes.fromUtf8String(request.body()))
                    .overrideConfiguration(SdkCredentials.override(request.credentials())));
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(ErrorMapping.map(e, OutcropErrorCode.MODEL_INVOCATION_FAILED, config));
        }
        return abortable(call, BedrockModelRuntime::invokeModelResponse);
    }

    /** Cancelling the returned future ({@code toCompletableFuture().cancel}) aborts the HTTP request. */
    @Override
    public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
        if (direct != null) {
            CompletableFuture<Answer> answer;
            try {
                clients.ensureOpen();
                answer = direct.converse(request.region(), request.modelId(), request.prompt(), request.credentials());
            }
            catch (RuntimeException e) {
                return CompletableFuture.failedFuture(ErrorMapping.map(e, OutcropErrorCode.MODEL_INVOCATION_FAILED, config));
            }
            return abortable(completed(answer), a -> ConverseJson.response(a.body()));
        }
        CompletableFuture<software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse> call;
        try {
            call = client(request.region()).converse(builder -> builder
                    .modelId(request.modelId())
                    .messages(userMessage(request.prompt()))
                    .overrideConfiguration(SdkCredentials.override(request.credentials())));
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(ErrorMapping.map(e, OutcropErrorCode.MODEL_INVOCATION_FAILED, config));
        }
        return abortable(call, BedrockModelRuntime::converseResponse);
    }

    /**
     * {@link #invokeModel} as a blocking call on the caller's thread, on Apache HttpClient 5 (through the SDK's synchronous client,
     * or, with the DIRECT transport, as signed exchanges without its pipeline, like the asynchronous calls): no thread
     * hand-off, so one call at a time is faster than waiting for the asynchronous call. The same settings
     * apply (retries, timeouts, endpoint, {@code max-concurrency} pooled connections of its own) and failures are the
     * same exceptions the asynchronous call completes with, thrown: {@link dev.outcrop.core.error.InvocationException},
     * or an {@link dev.outcrop.core.error.OutcropException} with {@code LOCAL_CAPACITY_EXHAUSTED}. The call timeouts
     * bound it. For callers that block anyway (a thread per call); never call it on an event loop.
     */
    public InvokeModelResponse invokeModelBlocking(InvokeModelRequest request) {
        requireNonNull(request, "request is null");
        try {
            if (directBlocking != null) {
                Answer answer = directBlocking.invokeModel(request.region(), request.modelId(), request.body(), request.credentials());
                return new InvokeModelResponse(answer.text(), usage(answer.response()));
            }
            return invokeModelResponse(blocking.get(request.region()).invokeModel(builder -> builder
                    .modelId(request.modelId())
                    .contentType(JSON)
                    .accept(JSON)
                    .body(SdkBytes.fromUtf8String(request.body()))
                    .overrideConfiguration(SdkCredentials.override(request.credentials()))));
        }
        catch (RuntimeException e) {
            throw ErrorMapping.map(e, OutcropErrorCode.MODEL_INVOCATION_FAILED, config);
        }
    }

    /** {@link #converse} as a blocking call on the caller's thread; see {@link #invokeModelBlocking}. */
    public ConverseResponse converseBlocking(ConverseRequest request) {
        requireNonNull(request, "request is null");
        try {
            if (directBlocking != null) {
                return ConverseJson.response(directBlocking.converse(request.region(), request.modelId(), request.prompt(), request.credentials()).body());
            }
            return converseResponse(blocking.get(request.region()).converse(builder -> builder
                    .modelId(request.modelId())
                    .messages(userMessage(request.prompt()))
                    .overrideConfiguration(SdkCredentials.override(request.credentials()))));
        }
        catch (RuntimeException e) {
            throw ErrorMapping.map(e, OutcropErrorCode.MODEL_INVOCATION_FAILED, config);
        }
    }

    private static InvokeModelResponse invokeModelResponse(software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse response) {
        return new InvokeModelResponse(response.body().asUtf8String(), usage(response.sdkHttpResponse()));
    }

    private static ConverseResponse converseResponse(software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse response) {
        StringBuilder text = new StringBuilder();
        if (response.output() != null && response.output().message() != null) {
            for (ContentBlock block : response.output().message().content()) {
                if (block.text() != null) {
                    text.append(block.text());
                }
            }
        }
        TokenUsage usage = response.usage() == null ? TokenUsage.NONE
                : new TokenUsage(nonNull(response.usage().inputTokens()), nonNull(response.usage().outputTokens()), true);
        return new ConverseResponse(text.toString(), usage);
    }

    /**
     * InvokeModelWithResponseStream. Text is read from the chunks of the Anthropic, Nova, Titan, Llama and
     * Mistral families; chunks of other families add no text but still end with the usage Bedrock reports.
     */
    @Override
    public Flow.Publisher<StreamEvent> invokeModelStream(InvokeModelRequest request) {
        requireNonNull(request, "request is null");
        return EventStreamPublisher.invokeModel(subscriber -> client(request.region()).invokeModelWithResponseStream(builder -> builder
                        .modelId(request.modelId())
                        .contentType(JSON)
                        .accept(JSON)
                        .body(SdkBytes.fromUtf8String(request.body()))
                        .overrideConfiguration(SdkCredentials.override(request.credentials())),
                InvokeModelWithResponseStreamResponseHandler.builder()
                        .onEventStream(events -> events.subscribe(subscriber))
                        .build()));
    }

    @Override
    public Flow.Publisher<StreamEvent> converseStream(ConverseRequest request) {
        requireNonNull(request, "request is null");
        return EventStreamPublisher.converse(subscriber -> client(request.region()).converseStream(builder -> builder
                        .modelId(request.modelId())
                        .messages(userMessage(request.prompt()))
                        .overrideConfiguration(SdkCredentials.override(request.credentials())),
                ConverseStreamResponseHandler.builder()
                        .onEventStream(events -> events.subscribe(subscriber))
                        .build()));
    }

    private static List<Message> userMessage(String prompt) {
        return List.of(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(prompt)).build());
    }

    /**
     * The caller's future for an SDK call: completed with {@code convert} of the SDK's response, or with the mapped
     * failure. Dependent stages (thenApply and the like) would not pass a cancellation back to the SDK, so this is a
     * future of its own, linked the other way too: when it completes before the SDK call (cancelled by core, or
     * completed by anyone else), the SDK call is cancelled, which aborts the HTTP exchange (Netty resets the HTTP/2
     * stream or closes the HTTP/1.1 connection) and frees its connection or stream for the next call.
     */
    private <S, T> CompletableFuture<T> abortable(CompletableFuture<S> call, Function<S, T> convert) {
        CompletableFuture<T> result = new CompletableFuture<>();
        call.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(ErrorMapping.map(failure, OutcropErrorCode.MODEL_INVOCATION_FAILED, config));
                return;
            }
            T value;
            try {
                value = convert.apply(response);
            }
            catch (RuntimeException e) {
                result.completeExceptionally(ErrorMapping.map(e, OutcropErrorCode.MODEL_INVOCATION_FAILED, config));
                return;
            }
            result.complete(value);
        });
        result.whenComplete((ignored, failure) -> {
            if (!call.isDone()) {
                call.cancel(true);
            }
        });
        return result;
    }

    /** Bedrock reports InvokeModel's token counts in headers, for every model family. */
    private static TokenUsage usage(SdkHttpResponse response) {
        var input = response.firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count");
        var output = response.firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count");
        if (input.isEmpty() && output.isEmpty()) {
            return null;
        }
        try {
            return new TokenUsage(input.map(Long::parseLong).orElse(0L), output.map(Long::parseLong).orElse(0L), true);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static long nonNull(Integer value) {
        return value == null ? 0 : value;
    }

    /**
     * The direct call as its caller should see it complete: as it is (on the I/O thread), or handed to the completion
     * pool. Cancelling what this returns cancels the call.
     */
    private CompletableFuture<Answer> completed(CompletableFuture<Answer> answer) {
        if (completions == null) {
            return answer;
        }
        CompletableFuture<Answer> handed = answer.whenCompleteAsync((a, f) -> { }, completions);
        handed.whenComplete((a, f) -> {
            if (!answer.isDone()) {
                answer.cancel(true);
            }
        });
        return handed;
    }

    private BedrockRuntimeAsyncClient client(String region) {
        return clients.get(region);
    }

    /** How many SDK clients this runtime has built: one per (region, endpoint) called so far. */
    int clientCount() {
        return clients.size();
    }

    @Override
    public void close() {
        clients.close();
        blocking.close();
        if (completions != null) {
            completions.shutdown();
        }
    }

    @Override
    public String toString() {
        return "BedrockModelRuntime[" + config + "]";
    }
}
