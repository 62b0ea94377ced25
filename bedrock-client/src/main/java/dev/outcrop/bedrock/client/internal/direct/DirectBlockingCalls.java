package dev.outcrop.bedrock.client.internal.direct;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.client.internal.RetryStrategies;
import dev.outcrop.core.port.AwsCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The blocking twin of {@link DirectCalls}: InvokeModel and Converse on the caller's thread, one signed exchange per
 * attempt on the synchronous HTTP client (Apache HttpClient 5, the blocking calls' pool), without the SDK's synchronous
 * pipeline. The same retry strategy (backoff slept on the caller's thread, as the SDK's sync client does) and the same
 * two timeouts, which abort the exchange in flight from the timing wheel. Failures are thrown as the SDK would throw
 * them, for {@code ErrorMapping}.
 *
 * <p>Why: at one call at a time the call's CPU is its latency, and the SDK's pipeline was most of ours.
 */
public final class DirectBlockingCalls {

    private final Supplier<SdkHttpClient> http;
    private final Supplier<? extends ScheduledExecutorService> timers;
    private final RetryStrategy retries;
    private final SignedRequests requests;
    private final Duration callTimeout;
    private final Duration attemptTimeout;

    /**
     * @param http the blocking calls' HTTP client, asked for on each call (it is built on the first)
     * @param timers the wheel that aborts attempts past their timeouts
     */
    public DirectBlockingCalls(BedrockClientConfig config, URI endpoint, Supplier<SdkHttpClient> http,
                               Supplier<? extends ScheduledExecutorService> timers) {
        this.http = http;
        this.timers = timers;
        this.retries = RetryStrategies.of(config);
        this.requests = new SignedRequests(endpoint);
        this.callTimeout = config.apiCallTimeout();
        this.attemptTimeout = config.apiCallAttemptTimeout();
    }

    public Answer invokeModel(String region, String modelId, String body, AwsCredentials credentials) {
        return call(region, SignedRequests.invokePath(modelId), body.getBytes(StandardCharsets.UTF_8), credentials);
    }

    public Answer converse(String region, String modelId, String prompt, AwsCredentials credentials) {
        return call(region, SignedRequests.conversePath(modelId), ConverseJson.request(prompt), credentials);
    }

    private Answer call(String region, String path, byte[] body, AwsCredentials credentials) {
        SdkHttpClient client = http.get();
        ScheduledExecutorService wheel = timers.get();
        SdkHttpFullRequest unsigned = requests.unsigned(region, path, body);
        AwsCredentialsIdentity identity = SignedRequests.identity(credentials);
        long deadline = callTimeout == null ? Long.MAX_VALUE : System.nanoTime() + callTimeout.toNanos();
        AcquireInitialTokenResponse first = retries.acquireInitialToken(AcquireInitialTokenRequest.create("bedrock-runtime." + region));
        RetryToken token = first.token();
        sleep(first.delay(), deadline);
        while (true) {
            Outcome outcome = attempt(client, wheel, requests.sign(unsigned, body, identity, region), body, deadline);
            if (outcome.answer() != null) {
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return outcome.answer();
            }
            RuntimeException failure = outcome.failure();
            if (failure instanceof ApiCallTimeoutException) {
                throw failure;
            }
            try {
                var next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
                token = next.token();
                sleep(next.delay(), deadline);
            }
            catch (TokenAcquisitionFailedException e) {
                throw failure;                  // not retryable, or no attempts left: the last failure is the answer
            }
        }
    }

    /** What one attempt gave: a successful answer, or what failed, as the SDK would report it. */
    private record Outcome(Answer answer, RuntimeException failure) {

        static Outcome failed(RuntimeException failure) {
            return new Outcome(null, failure);
        }
    }

    private Outcome attempt(SdkHttpClient client, ScheduledExecutorService wheel, SdkHttpFullRequest signed, byte[] body, long deadline) {
        long now = System.nanoTime();
        if (now >= deadline) {
            return Outcome.failed(ApiCallTimeoutException.create(callTimeout.toMillis()));
        }
        long attemptNanos = attemptTimeout == null ? Long.MAX_VALUE : attemptTimeout.toNanos();
        boolean callDeadlineFirst = deadline - now < attemptNanos;
        long budget = Math.min(attemptNanos, deadline - now);
        ExecutableHttpRequest exchange = client.prepareRequest(HttpExecuteRequest.builder()
                .request(signed)
                .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(body))
                .build());
        AtomicBoolean aborted = new AtomicBoolean();
        ScheduledFuture<?> timer = budget == Long.MAX_VALUE ? null : wheel.schedule(() -> {
            aborted.set(true);
            exchange.abort();
        }, budget, TimeUnit.NANOSECONDS);
        try {
            HttpExecuteResponse response = exchange.call();
            byte[] bytes;
            try (InputStream in = response.responseBody().orElse(null)) {
                bytes = in == null ? new byte[0] : in.readAllBytes();
            }
            Answer answer = new Answer(response.httpResponse(), bytes);
            return answer.successful() ? new Outcome(answer, null) : Outcome.failed(ServiceErrors.from(answer));
        }
        catch (IOException | RuntimeException e) {
            if (aborted.get()) {
                return Outcome.failed(callDeadlineFirst ? ApiCallTimeoutException.create(callTimeout.toMillis())
                        : ApiCallAttemptTimeoutException.create(attemptTimeout.toMillis()));
            }
            return Outcome.failed(e instanceof SdkException sdk ? sdk
                    : SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e));
        }
        finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    /** Backoff on the caller's thread, never past the call's deadline. */
    private void sleep(Duration delay, long deadline) {
        long nanos = Math.min(delay.toNanos(), Math.max(0, deadline - System.nanoTime()));
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry the Bedrock call", e);
        }
    }
}
