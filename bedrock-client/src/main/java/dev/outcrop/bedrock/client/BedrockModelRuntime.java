package dev.outcrop.bedrock.client;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import static java.util.Objects.requireNonNull;

import dev.outcrop.bedrock.client.internal.ClientFactory;
import dev.outcrop.bedrock.client.internal.ErrorMapping;
import dev.outcrop.bedrock.client.internal.SdkCredentials;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.TokenUsage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Core's {@link ModelRuntime} on the AWS SDK for Java v2: one {@link BedrockRuntimeAsyncClient} per
 * region, all sharing one Netty connection pool, with each call signed by the credentials core
 * resolved for its location. Closing it closes the clients and the pool.
 */
public final class BedrockModelRuntime implements ModelRuntime {

    private static final String JSON = "application/json";

    private final BedrockClientConfig config;
    private final SdkAsyncHttpClient http;
    private final Map<String, BedrockRuntimeAsyncClient> clients = new ConcurrentHashMap<>();

    private BedrockModelRuntime(BedrockClientConfig config) {
        this.config = config;
        this.http = ClientFactory.httpClient(config);
    }

    public static BedrockModelRuntime create(BedrockClientConfig config) {
        return new BedrockModelRuntime(requireNonNull(config, "config is null"));
    }

    public BedrockClientConfig config() {
        return config;
    }

    @Override
    public CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
        CompletableFuture<InvokeModelResponse> result;
        try {
            result = client(request.region()).invokeModel(builder -> builder
                            .modelId(request.modelId())
                            .contentType(JSON)
                            .accept(JSON)
                            .body(SdkBytes.fromUtf8String(request.body()))
                            .overrideConfiguration(o -> o.credentialsProvider(SdkCredentials.provider(request.credentials()))))
                    .thenApply(response -> new InvokeModelResponse(response.body().asUtf8String(), usage(response.sdkHttpResponse())));
        }
        catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionallyCompose(failure -> CompletableFuture.failedFuture(ErrorMapping.map(failure, OutcropErrorCode.MODEL_INVOCATION_FAILED)));
    }

    @Override
    public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
        CompletableFuture<ConverseResponse> result;
        try {
            result = client(request.region()).converse(builder -> builder
                            .modelId(request.modelId())
                            .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(request.prompt())).build())
                            .overrideConfiguration(o -> o.credentialsProvider(SdkCredentials.provider(request.credentials()))))
                    .thenApply(response -> {
                        String text = response.output() == null || response.output().message() == null ? ""
                                : response.output().message().content().stream()
                                        .filter(block -> block.text() != null)
                                        .map(ContentBlock::text)
                                        .collect(Collectors.joining());
                        TokenUsage usage = response.usage() == null ? TokenUsage.NONE
                                : new TokenUsage(nonNull(response.usage().inputTokens()), nonNull(response.usage().outputTokens()), true);
                        return new ConverseResponse(text, usage);
                    });
        }
        catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionallyCompose(failure -> CompletableFuture.failedFuture(ErrorMapping.map(failure, OutcropErrorCode.MODEL_INVOCATION_FAILED)));
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

    private BedrockRuntimeAsyncClient client(String region) {
        return clients.computeIfAbsent(region, r -> ClientFactory.bedrock(config, http, r));
    }

    @Override
    public void close() {
        clients.values().forEach(BedrockRuntimeAsyncClient::close);
        clients.clear();
        http.close();
    }

    @Override
    public String toString() {
        return "BedrockModelRuntime[" + config + "]";
    }
}
