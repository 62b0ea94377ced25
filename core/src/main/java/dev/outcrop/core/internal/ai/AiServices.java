package dev.outcrop.core.internal.ai;

import dev.outcrop.core.port.AiCallMetrics;

import dev.outcrop.core.internal.concurrent.Futures;

import dev.outcrop.core.internal.budget.BudgetLedger;
import dev.outcrop.core.internal.credentials.CredentialResolver;
import dev.outcrop.core.internal.credentials.LocationDirectory;
import dev.outcrop.core.internal.credentials.ResolvedLocation;
import dev.outcrop.core.internal.dispatch.CallKey;
import dev.outcrop.core.internal.dispatch.CallOutcome;
import dev.outcrop.core.internal.dispatch.CallScheduler;
import dev.outcrop.core.internal.dispatch.Permit;
import dev.outcrop.core.internal.run.StatementRun;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One model call, the way every AI function makes it: wait for a slot in the scheduler, reserve budget,
 * look the location up as it is now, resolve credentials, call, settle the budget with the usage
 * reported, and turn failures into messages that name the model, the location and the remote error.
 * A throttled call gives its slot back, waits a backoff (or the service's Retry-After) and tries again,
 * within the statement's deadline. With {@code null_on_error}, exactly the invocation errors become
 * NULL; any other error stops the statement, so its other rows make no further call.
 */
public final class AiServices {

    private final AiCallMetrics metrics;
    private final ModelRuntime runtime;
    private final CredentialResolver credentials;
    private final BudgetLedger budget;
    private final CallScheduler scheduler;
    private final LocationDirectory directory;
    private final ScheduledExecutorService timer;
    private final long retryBaseNanos;
    private final long retryMaxNanos;
    private final List<EmbeddingModel> embeddingModels;

    public AiServices(ModelRuntime runtime, CredentialResolver credentials, BudgetLedger budget, CallScheduler scheduler, LocationDirectory directory,
               ScheduledExecutorService timer, Duration retryBase, Duration retryMax, List<EmbeddingModel> embeddingModels,
               AiCallMetrics metrics) {
        this.metrics = metrics;
        this.runtime = runtime;
        this.credentials = credentials;
        this.budget = budget;
        this.scheduler = scheduler;
        this.directory = directory;
        this.timer = timer;
        this.retryBaseNanos = retryBase.toNanos();
        this.retryMaxNanos = retryMax.toNanos();
        this.embeddingModels = embeddingModels;
    }

    public BudgetLedger budget() {
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

    /** The result of a call and the tokens to charge for it. */
    record Outcome(Object value, TokenUsage usage) {
    }

    /** Where a call goes and how its errors are treated: fixed when the statement is planned. */
    record CallSite(StatementRun run, String function, String model, ResolvedLocation location, AccountRecord account, boolean nullOnError) {
    }

    /** Sends one call. It must pass the port's own future through {@code tracker}, so that cancelling the statement aborts the request. */
    @FunctionalInterface
    interface ModelCall {
        CompletableFuture<Outcome> send(ResolvedLocation location, AwsCredentials signing, Tracker tracker);
    }

    /** Registers a call in flight with its run, so a stop cancels it; the call counts as in flight until it has ended. */
    static final class Tracker {
        private final StatementRun run;

        Tracker(StatementRun run) {
            this.run = run;
        }

        /** The call, tracked; chain on the result, so that everything after it sees the call as no longer in flight. */
        <T> CompletableFuture<T> track(CompletableFuture<T> sent) {
            if (!run.track(sent)) {
                return sent;
            }
            return sent.whenComplete((ignored, failure) -> run.untrack(sent));
        }
    }

    /**
     * Makes one call through the site's location.
     *
     * @param estimatedTokens what the call is expected to use, reserved before it is sent
     */
    CompletableFuture<Object> call(CallSite site, long estimatedTokens, ModelCall call) {
        StatementRun run = site.run();
        try {
            run.checkAdmitting();
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        metrics.rowsInFlightChanged(1);
        return attempt(site, estimatedTokens, call, 0).handle((value, failure) -> {
            metrics.rowsInFlightChanged(-1);
            if (failure == null) {
                run.rowCallEnded(false);
                return value;
            }
            Throwable cause = Futures.unwrap(failure);
            if (run.isStopped()) {
                throw run.stopCause();
            }
            if (cause == run.refusal()) {
                // Refused because another row failed first: that row's error, which null_on_error did not hide there either.
                throw run.refusal();
            }
            if (site.nullOnError() && cause instanceof InvocationException) {
                run.rowCallEnded(true);
                return null;
            }
            RuntimeException error = asRuntime(cause);
            // Not hidden: the statement fails with it. No further call starts; the rows before this one may still finish.
            run.drain(error);
            throw error;
        });
    }

    private CompletableFuture<Object> attempt(CallSite site, long estimatedTokens, ModelCall call, int attempt) {
        StatementRun run = site.run();
        CallKey key = new CallKey(site.account().accountName(), site.location().record().id(), site.location().record().locationName(), site.model());
        return scheduler.acquire(run, key).thenCompose(permit -> budget.reserve(site.account(), estimatedTokens)
                .whenComplete((grant, refused) -> {
                    if (refused != null) {
                        permit.release(CallOutcome.ENDED, 0);
                    }
                })
                .thenCompose(grant -> send(site, call)
                        .handle((outcome, failure) -> new Finished(outcome, failure == null ? null : Futures.unwrap(failure)))
                        .thenCompose(finished -> finish(site, estimatedTokens, call, attempt, permit, grant, finished))));
    }

    private CompletableFuture<Outcome> send(CallSite site, ModelCall call) {
        StatementRun run = site.run();
        return directory.current(site.account(), site.location())
                .thenCompose(location -> credentials.resolve(site.account(), location).thenCompose(signing -> {
                    run.checkAdmitting();
                    run.callSent();
                    return call.send(location, signing, new Tracker(run)).exceptionallyCompose(failure -> CompletableFuture.failedFuture(describe(Futures.unwrap(failure), site.model(), location)));
                }));
    }

    private record Finished(Outcome outcome, Throwable failure) {
    }

    private CompletableFuture<Object> finish(CallSite site, long estimatedTokens, ModelCall call, int attempt, Permit permit,
                                             BudgetLedger.Grant grant, Finished finished) {
        StatementRun run = site.run();
        if (finished.failure() == null) {
            permit.release(CallOutcome.SUCCEEDED, 0);
            metrics.callEnded(site.function(), site.model(), AiCallMetrics.Outcome.SUCCEEDED, finished.outcome().usage());
            long tokens = finished.outcome().usage().totalTokens();
            run.charged(tokens);
            return budget.settle(grant, tokens).thenApply(ignored -> finished.outcome().value());
        }
        Throwable failure = finished.failure();
        boolean cancelled = failure instanceof CancellationException || run.isStopped();
        metrics.callEnded(site.function(), site.model(), cancelled ? AiCallMetrics.Outcome.CANCELLED
                : failure instanceof InvocationException e && isThrottle(e) ? AiCallMetrics.Outcome.THROTTLED : AiCallMetrics.Outcome.FAILED,
                TokenUsage.NONE);
        if (!cancelled && failure instanceof InvocationException e && (isThrottle(e) || isLostConnection(e))) {
            boolean throttle = isThrottle(e);
            long pause = e.retryAfter() == null ? 0 : e.retryAfter().toNanos();
            long delay = pause > 0 ? pause : backoff(attempt);
            boolean inTime = System.nanoTime() + delay - run.deadlineNanos() < 0;
            if (throttle) {
                run.throttled();
            }
            if (attempt < run.limits().maxRetries() && inTime && run.isAdmitting()) {
                permit.release(throttle ? CallOutcome.THROTTLED : CallOutcome.ENDED, pause);
                return budget.settle(grant, 0).thenCompose(ignored -> retryAfter(site, estimatedTokens, call, attempt, delay));
            }
            String why = attempt >= run.limits().maxRetries() ? " (given up after " + attempt + " retries: raise SET ai_max_retries = <n>, or the model's quota)"
                    : !inTime ? " (given up: the next retry would pass the statement_timeout)" : "";
            InvocationException givenUp = why.isEmpty() ? e : withSuffix(e, why);
            // A final failure: stop further calls before the slot is given back, so that no later row's call takes it.
            drainUnlessHidden(site, givenUp);
            permit.release(throttle ? CallOutcome.THROTTLED : CallOutcome.ENDED, pause);
            return budget.settle(grant, 0).thenCompose(ignored -> CompletableFuture.failedFuture(givenUp));
        }
        Throwable reported = cancelled && run.isStopped() ? run.stopCause() : failure;
        if (!cancelled) {
            // Before the slot is given back, so that no later row's call takes it.
            drainUnlessHidden(site, reported);
        }
        permit.release(CallOutcome.ENDED, 0);
        return budget.settle(grant, 0).thenCompose(ignored -> CompletableFuture.failedFuture(reported));
    }

    /** An error that null_on_error will not hide stops further calls of the statement at once. */
    private static void drainUnlessHidden(CallSite site, Throwable failure) {
        if (!(site.nullOnError() && failure instanceof InvocationException)) {
            site.run().drain(asRuntime(failure));
        }
    }

    private CompletableFuture<Object> retryAfter(CallSite site, long estimatedTokens, ModelCall call, int attempt, long delayNanos) {
        StatementRun run = site.run();
        CompletableFuture<Object> retried = new CompletableFuture<>();
        run.waitingChanged(1);
        timer.schedule(() -> {
            run.waitingChanged(-1);
            if (!run.isAdmitting()) {
                retried.completeExceptionally(run.refusal());
                return;
            }
            run.retried();
            metrics.callRetried(site.function(), site.model());
            attempt(site, estimatedTokens, call, attempt + 1).whenComplete((value, failure) -> {
                if (failure != null) {
                    retried.completeExceptionally(Futures.unwrap(failure));
                }
                else {
                    retried.complete(value);
                }
            });
        }, delayNanos, TimeUnit.NANOSECONDS);
        return retried;
    }

    /** Exponential backoff with jitter: between half and all of base × 2^attempt, at most the maximum. */
    private long backoff(int attempt) {
        long ceiling = retryBaseNanos << Math.min(attempt, 20);
        if (ceiling <= 0 || ceiling > retryMaxNanos) {
            ceiling = retryMaxNanos;
        }
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    /** Throttles and overload answers: the service had no room, so the same call later is safe and likely to work. */
    private static boolean isThrottle(InvocationException e) {
        return e.errorCode().equals(OutcropErrorCode.MODEL_THROTTLED.toErrorCode())
                || e.httpStatus() == 503 || "ServiceUnavailableException".equals(e.remoteErrorType()) || "ModelNotReadyException".equals(e.remoteErrorType());
    }

    /**
     * The connection closed before any answer: nothing was charged, and the SDK's own retries would send it
     * again too. Timeouts are not retried here: Bedrock may still be working on that call.
     */
    private static boolean isLostConnection(InvocationException e) {
        return e.httpStatus() == 0 && "ConnectionError".equals(e.remoteErrorType());
    }

    private static InvocationException withSuffix(InvocationException e, String suffix) {
        return new InvocationException(() -> e.errorCode(), e.remoteErrorType(), e.httpStatus(), e.retryable(), e.retryAfter(), e.getMessage() + suffix, e);
    }

    CompletableFuture<Outcome> invokeModel(String model, String body, ResolvedLocation location, AwsCredentials signing, Tracker track) {
        CompletableFuture<dev.outcrop.core.port.InvokeModelResponse> sent = runtime("AWS_BEDROCK_AI_QUERY")
                .invokeModel(new InvokeModelRequest(model, body, location.region(), signing)).toCompletableFuture();
        return track.track(sent).thenApply(response -> new Outcome(response.body(), usageOf(body, response.body(), response.usage())));
    }

    CompletableFuture<Outcome> converse(String model, String prompt, ResolvedLocation location, AwsCredentials signing, Tracker track) {
        CompletableFuture<dev.outcrop.core.port.ConverseResponse> sent = runtime("AI_QUERY")
                .converse(new ConverseRequest(model, prompt, location.region(), signing)).toCompletableFuture();
        return track.track(sent).thenApply(response -> new Outcome(response.text(), response.usage()));
    }

    CompletableFuture<Outcome> embed(EmbeddingModel embeddingModel, String model, String text, Integer dimensions, ResolvedLocation location,
                                     AwsCredentials signing, Tracker track) {
        CompletableFuture<dev.outcrop.core.spi.EmbeddingResponse> sent = embeddingModel
                .embed(new EmbeddingRequest(model, List.of(text), dimensions, location.region(), signing)).toCompletableFuture();
        return track.track(sent).thenApply(response -> new Outcome(response.embeddings().get(0), response.usage()));
    }

    /** Several texts in one call, for models that take batches; the value is the list of vectors, in order. */
    CompletableFuture<Outcome> embedBatch(EmbeddingModel embeddingModel, String model, List<String> texts, Integer dimensions, ResolvedLocation location,
                                          AwsCredentials signing, Tracker track) {
        CompletableFuture<dev.outcrop.core.spi.EmbeddingResponse> sent = embeddingModel
                .embed(new EmbeddingRequest(model, texts, dimensions, location.region(), signing)).toCompletableFuture();
        return track.track(sent).thenApply(response -> {
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
            OutcropErrorCode code = e.errorCode().equals(OutcropErrorCode.MODEL_THROTTLED.toErrorCode()) || e.httpStatus() == 429
                    || "ThrottlingException".equals(e.remoteErrorType())
                    ? OutcropErrorCode.MODEL_THROTTLED : OutcropErrorCode.MODEL_INVOCATION_FAILED;
            return new InvocationException(code, e.remoteErrorType(), e.httpStatus(), e.retryable(), e.retryAfter(),
                    "Bedrock " + e.remoteErrorType() + status + " invoking '" + model + "' through location '" + location.record().locationName() + "': "
                            + e.getMessage(), e);
        }
        return cause;
    }

    private static RuntimeException asRuntime(Throwable cause) {
        if (cause instanceof RuntimeException runtimeException) {
            return runtimeException;
        }
        return new CompletionException(cause);
    }
}
