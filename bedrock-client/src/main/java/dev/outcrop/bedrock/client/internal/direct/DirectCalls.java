package dev.outcrop.bedrock.client.internal.direct;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.client.internal.RetryStrategies;
import dev.outcrop.core.port.AwsCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;

/**
 * Bedrock Runtime's unary operations (InvokeModel, Converse) as signed HTTP exchanges, with the SDK's retry strategy and
 * the same two timeouts the SDK applies: {@code api-call-timeout} over the whole call, retries and their backoff
 * included, and {@code api-call-attempt-timeout} over each attempt. The read and connection timeouts and the pool's
 * limits are the HTTP client's own, as under the SDK. A call's future completes with a successful answer, or fails with
 * what the SDK would have thrown (a service exception, an {@link SdkClientException} around an I/O failure, or a
 * timeout exception), for {@code ErrorMapping}; cancelling it abandons the exchange in flight.
 *
 * <p>Why: at 32 calls in flight the SDK's asynchronous pipeline (execution context, interceptors, metric stages,
 * futures per stage) cost about twice the CPU per call of the signed exchange itself (bedrock-client README,
 * "Transports").
 */
public final class DirectCalls {

    private final SdkAsyncHttpClient http;
    private final ScheduledExecutorService timers;
    private final RetryStrategy retries;
    private final SignedRequests requests;
    private final Duration callTimeout;
    private final Duration attemptTimeout;

    /** @param endpoint the endpoint override, or null for AWS's endpoint of each region */
    public DirectCalls(BedrockClientConfig config, java.net.URI endpoint, SdkAsyncHttpClient http, ScheduledExecutorService timers) {
        this.http = http;
        this.timers = timers;
        this.retries = RetryStrategies.of(config);
        this.requests = new SignedRequests(endpoint);
        this.callTimeout = config.apiCallTimeout();
        this.attemptTimeout = config.apiCallAttemptTimeout();
    }

    /** POST /model/{modelId}/invoke with this body, which is the model's own JSON. */
    public CompletableFuture<Answer> invokeModel(String region, String modelId, String body, AwsCredentials credentials) {
        return call(region, SignedRequests.invokePath(modelId), body.getBytes(StandardCharsets.UTF_8), credentials);
    }

    /** POST /model/{modelId}/converse with one user message. */
    public CompletableFuture<Answer> converse(String region, String modelId, String prompt, AwsCredentials credentials) {
        return call(region, SignedRequests.conversePath(modelId), ConverseJson.request(prompt), credentials);
    }

    private CompletableFuture<Answer> call(String region, String path, byte[] body, AwsCredentials credentials) {
        Call call = new Call(requests.unsigned(region, path, body), body, SignedRequests.identity(credentials), region);
        call.begin();
        return call.result;
    }

    /** One call: its attempts, its timers, and the future its caller holds. */
    private final class Call {
        final CompletableFuture<Answer> result = new CompletableFuture<>();
        private final SdkHttpFullRequest unsigned;
        private final byte[] body;
        private final AwsCredentialsIdentity identity;
        private final String scope;
        private final String region;
        private RetryToken token;
        private volatile Exchange exchange;
        private volatile ScheduledFuture<?> callTimer;
        private volatile ScheduledFuture<?> attemptTimer;

        Call(SdkHttpFullRequest unsigned, byte[] body, AwsCredentialsIdentity identity, String region) {
            this.unsigned = unsigned;
            this.body = body;
            this.identity = identity;
            this.scope = "bedrock-runtime." + region;
            this.region = region;
            // Whoever completes the result first (an answer, a failure, a timeout, or the caller's cancel) ends the rest.
            result.whenComplete((answer, failure) -> {
                cancelTimer(callTimer);
                cancelTimer(attemptTimer);
                Exchange running = exchange;
                if (failure != null && running != null) {
                    running.cancel();
                }
            });
        }

        void begin() {
            AcquireInitialTokenResponse first;
            try {
                first = retries.acquireInitialToken(AcquireInitialTokenRequest.create(scope));
            }
            catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            token = first.token();
            if (callTimeout != null) {
                callTimer = timers.schedule(() -> result.completeExceptionally(ApiCallTimeoutException.create(callTimeout.toMillis())),
                        callTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            after(first.delay());
        }

        private void after(Duration delay) {
            if (delay.isZero() || delay.isNegative()) {
                attempt();
            }
            else {
                timers.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void attempt() {
            if (result.isDone()) {
                return;
            }
            Exchange current;
            try {
                SdkHttpFullRequest signed = requests.sign(unsigned, body, identity, region);
                current = Exchange.start(http, signed, body);
            }
            catch (RuntimeException e) {
                result.completeExceptionally(SdkClientException.create("Unable to sign or send the request: " + e.getMessage(), e));
                return;
            }
            exchange = current;
            if (result.isDone()) {
                current.cancel();          // cancelled or timed out while this attempt was being started
                return;
            }
            if (attemptTimeout != null) {
                attemptTimer = timers.schedule(() -> {
                    // Reported before the cancel, whose own failure report then finds the attempt already ended.
                    failed(current, ApiCallAttemptTimeoutException.create(attemptTimeout.toMillis()));
                    current.cancel();
                }, attemptTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            current.answer().whenComplete((answer, failure) -> {
                if (failure != null) {
                    failed(current, sdkFailure(failure));
                }
                else if (answer.successful()) {
                    cancelTimer(attemptTimer);
                    retries.recordSuccess(RecordSuccessRequest.create(token));
                    result.complete(answer);
                }
                else {
                    failed(current, ServiceErrors.from(answer));
                }
            });
        }

        /** An attempt failed: the retry strategy decides whether and when the next one starts. Only the first report counts. */
        private synchronized void failed(Exchange attempt, Throwable failure) {
            if (exchange != attempt || result.isDone()) {
                return;
            }
            exchange = null;
            cancelTimer(attemptTimer);
            RefreshRetryTokenResponse next;
            try {
                next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
            }
            catch (RuntimeException e) {
                // TokenAcquisitionFailedException: not retryable, or no attempts left. Either way the last failure is the answer.
                result.completeExceptionally(failure);
                return;
            }
            token = next.token();
            after(next.delay());
        }

        private void cancelTimer(ScheduledFuture<?> timer) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    /** The HTTP client's failure as the SDK reports it: I/O failures inside an SdkClientException, SDK exceptions as they are. */
    private static Throwable sdkFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof SdkException || cause instanceof CancellationException) {
            return cause;
        }
        return SdkClientException.create("Unable to execute HTTP request: " + cause.getMessage(), cause);
    }
}
