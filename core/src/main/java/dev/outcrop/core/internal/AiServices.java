package dev.outcrop.core.internal;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.TokenUsage;
import dev.outcrop.core.spi.EmbeddingModel;
import dev.outcrop.core.spi.EmbeddingRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One model call, the way every AI function makes it: reserve budget, resolve credentials, call, settle
 * the budget with the usage reported, and turn failures into messages that name the model, the location
 * and the remote error. With {@code null_on_error}, exactly the invocation errors become NULL.
 */
final class AiServices {

    private final ModelRuntime runtime;
    private final CredentialResolver credentials;
    private final TokenBudget budget;
    private final BlockingWork blocking;
    private final List<EmbeddingModel> embeddingModels;

    AiServices(ModelRuntime runtime, CredentialResolver credentials, TokenBudget budget, BlockingWork blocking, List<EmbeddingModel> embeddingModels) {
        this.runtime = runtime;
        this.credentials = credentials;
        this.budget = budget;
        this.blocking = blocking;
        this.embeddingModels = embeddingModels;
    }

    TokenBudget budget() {
        return budget;
    }

    ModelRuntime runtime(String function) {
        if (runtime == null) {
            throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, function
                    + " needs a model runtime, and this Outcrop was built without one: add outcrop-bedrock-client and pass it to Outcrop.builder().modelRuntime(...)");
        }
        return runtime;
    }

    EmbeddingModel embeddingModel(String modelId) {
        for (EmbeddingModel model : embeddingModels) {
            if (model.supports(modelId)) {
                return model;
            }
        }
        List<String> names = embeddingModels.stream().map(EmbeddingModel::name).toList();
        throw new OutcropException(OutcropErrorCode.UNKNOWN_EMBEDDING_MODEL, "no embedding model serves '" + modelId + "'"
                + (names.isEmpty() ? "; none is installed: add outcrop-bedrock-client for Titan and Cohere, or your own through the EmbeddingModelProvider SPI"
                : "; installed: " + String.join(", ", names)));
    }

    /** How a call ended, before the budget is settled. */
    private record Finished(Outcome outcome, Throwable failure) {
    }

    /** The result of a call and the tokens to charge for it. */
    record Outcome(Object value, TokenUsage usage) {
    }

    /**
     * Makes one call through the location.
     *
     * @param estimatedTokens what the call is expected to use, reserved before it is sent
     * @param call the call itself, given signing credentials
     */
    CompletableFuture<Object> call(String function, String model, ResolvedLocation location, AccountRecord account, boolean nullOnError,
                                   long estimatedTokens, Function<AwsCredentials, CompletableFuture<Outcome>> call) {
        return blocking.supply(() -> budget.reserve(account, estimatedTokens))
                .thenCompose(reservation -> credentials.resolve(account, location)
                        .thenCompose(signing -> call.apply(signing).exceptionallyCompose(
                                failure -> CompletableFuture.failedFuture(describe(Engine.unwrap(failure), model, location))))
                        .handle(Finished::new)
                        // Settling writes to the catalog: on the executor, never on the I/O thread that completed the call.
                        .thenCompose(finished -> blocking.supply(() -> {
                            budget.settle(reservation, finished.failure() == null ? finished.outcome().usage().totalTokens() : 0);
                            if (finished.failure() != null) {
                                throw asCompletion(Engine.unwrap(finished.failure()));
                            }
                            return finished.outcome().value();
                        })))
                .exceptionally(failure -> {
                    Throwable cause = Engine.unwrap(failure);
                    if (nullOnError && cause instanceof InvocationException) {
                        return null;
                    }
                    throw asCompletion(cause);
                });
    }

    CompletableFuture<Outcome> invokeModel(String model, String body, ResolvedLocation location, AwsCredentials signing) {
        return runtime("AWS_BEDROCK_AI_QUERY").invokeModel(new InvokeModelRequest(model, body, location.region(), signing)).toCompletableFuture()
                .thenApply(response -> new Outcome(response.body(), usageOf(body, response.body(), response.usage())));
    }

    CompletableFuture<Outcome> converse(String model, String prompt, ResolvedLocation location, AwsCredentials signing) {
        return runtime("AI_QUERY").converse(new ConverseRequest(model, prompt, location.region(), signing)).toCompletableFuture()
                .thenApply(response -> new Outcome(response.text(), response.usage()));
    }

    CompletableFuture<Outcome> embed(EmbeddingModel embeddingModel, String model, String text, Integer dimensions, ResolvedLocation location,
                                     AwsCredentials signing) {
        return embeddingModel.embed(new EmbeddingRequest(model, List.of(text), dimensions, location.region(), signing)).toCompletableFuture()
                .thenApply(response -> new Outcome(response.embeddings().get(0), response.usage()));
    }

    /** Several texts in one call, for models that take batches; the value is the list of vectors, in order. */
    CompletableFuture<Outcome> embedBatch(EmbeddingModel embeddingModel, String model, List<String> texts, Integer dimensions, ResolvedLocation location,
                                          AwsCredentials signing) {
        return embeddingModel.embed(new EmbeddingRequest(model, texts, dimensions, location.region(), signing)).toCompletableFuture()
                .thenApply(response -> {
                    if (response.embeddings().size() != texts.size()) {
                        throw new IllegalStateException(embeddingModel.name() + " returned " + response.embeddings().size() + " vectors for " + texts.size() + " texts");
                    }
                    return new Outcome(List.<Object>copyOf(response.embeddings()), response.usage());
                });
    }

    /** The headers' counts, else the body's, else an estimate from the lengths of request and response. */
    static TokenUsage usageOf(String request, String response, TokenUsage fromHeaders) {
        if (fromHeaders != null) {
            return fromHeaders;
        }
        TokenUsage fromBody = ReportedUsage.fromBody(response);
        return fromBody != null ? fromBody : new TokenUsage(estimateTokens(request), estimateTokens(response), false);
    }

    /** About four characters a token: the usual rule of thumb for English text. */
    static long estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    /** Puts the model, the location and the remote error type and status in front of the service's own message. */
    private static Throwable describe(Throwable cause, String model, ResolvedLocation location) {
        if (cause instanceof InvocationException e) {
            String status = e.httpStatus() > 0 ? " (" + e.httpStatus() + ")" : "";
            OutcropErrorCode code = e.httpStatus() == 429 || "ThrottlingException".equals(e.remoteErrorType())
                    ? OutcropErrorCode.MODEL_THROTTLED : OutcropErrorCode.MODEL_INVOCATION_FAILED;
            return new InvocationException(code, e.remoteErrorType(), e.httpStatus(), e.retryable(),
                    "Bedrock " + e.remoteErrorType() + status + " invoking '" + model + "' through location '" + location.record().locationName() + "': "
                            + e.getMessage(), e);
        }
        return cause;
    }

    private static RuntimeException asCompletion(Throwable cause) {
        if (cause instanceof RuntimeException runtimeException) {
            return runtimeException;
        }
        return new java.util.concurrent.CompletionException(cause);
    }
}
