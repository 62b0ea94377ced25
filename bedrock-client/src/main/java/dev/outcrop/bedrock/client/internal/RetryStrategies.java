package dev.outcrop.bedrock.client.internal;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The SDK's own retry strategy (STANDARD or ADAPTIVE, with its token bucket), set to the configured
 * attempts and to capped exponential backoff with full jitter. Bedrock errors the SDK would not retry
 * by itself but that a later attempt may not get are added to its retry conditions.
 */
public final class RetryStrategies {

    /** ModelTimeoutException is a 408 and ModelNotReadyException a 429; the SDK knows neither by name. */
    private static final Set<String> EXTRA_RETRYABLE = Set.of("ModelTimeoutException", "ModelNotReadyException");

    private RetryStrategies() {
    }

    public static RetryStrategy of(BedrockClientConfig config) {
        RetryStrategy base = config.retryMode() == BedrockClientConfig.RetryMode.ADAPTIVE
                ? AwsRetryStrategy.adaptiveRetryStrategy()
                : AwsRetryStrategy.standardRetryStrategy();
        return base.toBuilder()
                .maxAttempts(config.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(config.retryBaseDelay(), config.retryMaxBackoff()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(config.throttlingBaseDelay(), config.retryMaxBackoff()))
                .retryOnException(RetryStrategies::isExtraRetryable)
                .build();
    }

    private static boolean isExtraRetryable(Throwable failure) {
        return failure instanceof AwsServiceException e && e.awsErrorDetails() != null
                && EXTRA_RETRYABLE.contains(e.awsErrorDetails().errorCode());
    }
}
