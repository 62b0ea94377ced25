package dev.outcrop.bedrock.client.internal;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns the AWS SDK's exceptions into core's {@link InvocationException}: the remote error type, the
 * HTTP status and the service's own message, whether a retry may help, and how long the service asked
 * callers to wait (Retry-After). The SDK has already retried as configured when an error gets here;
 * {@code retryable} tells core's callers whether trying again later is worth it.
 *
 * <p>One kind of failure is not a failed call but our own limit: the Netty connection pool being
 * exhausted. That becomes a plain {@link OutcropException} with {@link OutcropErrorCode#LOCAL_CAPACITY_EXHAUSTED}
 * (not an InvocationException, so {@code null_on_error} does not hide it as NULL), naming the setting to change.
 */
public final class ErrorMapping {

    /** Errors a later attempt may not get: throttling, a model still loading or slow, an outage. */
    private static final Set<String> RETRYABLE = Set.of("ThrottlingException", "ModelTimeoutException", "ModelNotReadyException",
            "ServiceUnavailableException", "InternalServerException", "Throttling", "RequestLimitExceeded",
            "ModelStreamErrorException");
    /** Limits of the account rather than failures: the caller should slow down or raise the quota. */
    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "ServiceQuotaExceededException", "Throttling",
            "RequestLimitExceeded");

    /** Bedrock's documented statuses of the exceptions that may also arrive as stream frames. */
    private static final java.util.Map<String, Integer> IN_STREAM_STATUS = java.util.Map.of("ThrottlingException", 429,
            "ModelStreamErrorException", 424, "ValidationException", 400, "InternalServerException", 500,
            "ServiceUnavailableException", 503, "ModelTimeoutException", 408);

    private ErrorMapping() {
    }

    /**
     * Text of the SDK 2.57 Netty client's pool errors, raised below the SDK's "Unable to execute HTTP request" and
     * NettyUtils' longer explanation: {@code TimeoutException("Acquire operation took longer than configured maximum
     * time")} from BetterFixedChannelPool (the pool is full and the wait timed out) or {@code TimeoutException("Acquire
     * operation took longer than <n> milliseconds.")} from HealthCheckedChannelPool (the same deadline, watched from
     * outside), and {@code IllegalStateException("Too many outstanding acquire operations")} when the queue of waiting
     * calls is full. NettyUtils recognises them by the same texts.
     */
    private static final String ACQUIRE_TIMEOUT = "Acquire operation took longer";
    private static final String TOO_MANY_PENDING = "Too many outstanding acquire operations";
    /*
     * The blocking calls' Apache HttpClient 5 reports the same acquire timeout as its ConnectionRequestTimeoutException,
     * and its read timeout as SocketTimeoutException("Read timed out"), which isReadTimeout already knows.
     */
    /** The CRT client's names for the same two events: its pool's acquire timeout, and its throughput (read) check. */
    private static final String CRT_ACQUIRE_TIMEOUT = "AWS_ERROR_HTTP_CONNECTION_MANAGER_ACQUISITION_TIMEOUT";
    private static final String CRT_THROUGHPUT_FAILURE = "AWS_ERROR_HTTP_CHANNEL_THROUGHPUT_FAILURE";
    /** The CRT client's "Request cancelled": the stream an attempt timeout cancelled (see timeoutIn). */
    private static final String CRT_STREAM_CANCELLED = "AWS_ERROR_HTTP_STREAM_CANCELLED";

    /** {@link #map(Throwable, OutcropErrorCode, BedrockClientConfig)} without the configured values in messages. */
    public static OutcropException map(Throwable failure, OutcropErrorCode code) {
        return map(failure, code, null);
    }

    /**
     * @param code the code for failures of this operation (MODEL_INVOCATION_FAILED, ROLE_ASSUMPTION_FAILED);
     *             model calls that were throttled get MODEL_THROTTLED instead
     * @param config the client's settings, to quote in the message of a local limit; null to name the settings only
     * @return an {@link InvocationException} for a failed call, or a plain {@link OutcropException} with
     *         {@link OutcropErrorCode#LOCAL_CAPACITY_EXHAUSTED} when our own connection pool was exhausted
     */
    public static OutcropException map(Throwable failure, OutcropErrorCode code, BedrockClientConfig config) {
        Throwable cause = unwrap(failure);
        if (cause instanceof OutcropException mapped) {
            return mapped;
        }
        OutcropException exhausted = poolExhaustion(cause, config);
        if (exhausted != null) {
            return exhausted;
        }
        if (cause instanceof AwsServiceException e) {
            String type = remoteType(e);
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : "no message";
            // An exception frame inside a stream comes on a 200 response; report the status Bedrock gives the type.
            int status = e.statusCode() >= 400 ? e.statusCode() : IN_STREAM_STATUS.getOrDefault(type, 0);
            boolean retryable = RETRYABLE.contains(type) || status >= 500 || status == 429;
            OutcropErrorCode mapped = code == OutcropErrorCode.MODEL_INVOCATION_FAILED && (THROTTLED.contains(type) || status == 429)
                    ? OutcropErrorCode.MODEL_THROTTLED : code;
            Duration retryAfter = THROTTLED.contains(type) || status == 429 || status == 503 ? retryAfter(e, Clock.systemUTC()) : null;
            return new InvocationException(mapped, type, status, retryable, retryAfter, message, e);
        }
        Throwable timeout = timeoutIn(cause);
        if (timeout != null) {
            String setting = isReadTimeout(timeout) ? "outcrop.bedrock.read-timeout (the longest silence allowed while reading)"
                    : "outcrop.bedrock.api-call-timeout or outcrop.bedrock.api-call-attempt-timeout";
            return new InvocationException(code, "Timeout", 0, true,
                    "no answer within the configured timeout (" + firstLine(timeout.getMessage()) + "); raise " + setting
                            + " if the model needs longer", timeout);
        }
        if (cause instanceof SdkClientException || cause instanceof java.io.IOException) {
            // Streams report a broken connection as the bare IOException, calls wrapped in SdkClientException.
            return new InvocationException(code, "ConnectionError", 0, true, "the request could not be completed: " + cause.getMessage(), cause);
        }
        return new InvocationException(code, cause.getClass().getSimpleName(), 0, false, String.valueOf(cause.getMessage()), cause);
    }

    /**
     * The Retry-After header of the error response: delay-seconds or an HTTP date (RFC 9110 section 10.2.3), a date
     * in the past being no wait at all; null when absent or unreadable. Bedrock documents none, but a proxy or a
     * future Bedrock may send one, and a caller that honours it backs off exactly as long as asked.
     */
    static Duration retryAfter(AwsServiceException e, Clock clock) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return null;
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                .map(value -> parseRetryAfter(value, clock.instant()))
                .orElse(null);
    }

    static Duration parseRetryAfter(String value, Instant now) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            catch (NumberFormatException e) {
                return null;   // more seconds than a long holds: not a delay anyone means
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The connection pools' own limits (Netty's, CRT's, Apache's), found anywhere in the cause chain, as an error that says which limit was hit and
     * which settings change it; null for any other failure.
     */
    private static OutcropException poolExhaustion(Throwable failure, BedrockClientConfig config) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null && !(t instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException)) {
                continue;
            }
            if ((t instanceof TimeoutException && message.startsWith(ACQUIRE_TIMEOUT)) || crtError(t, CRT_ACQUIRE_TIMEOUT)
                    || t instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
                return new OutcropException(OutcropErrorCode.LOCAL_CAPACITY_EXHAUSTED,
                        "Outcrop's own connection pool to Bedrock is exhausted (a local limit, not Bedrock's): no connection"
                                + " (HTTP/1.1) or stream (HTTP/2) became free within outcrop.bedrock.connection-acquisition-timeout"
                                + value(config == null ? null : config.connectionAcquisitionTimeout())
                                + " while outcrop.bedrock.max-concurrency" + value(config == null ? null : config.maxConcurrency())
                                + " calls were in flight to the endpoint. Run fewer calls at once, or raise"
                                + " outcrop.bedrock.max-concurrency or outcrop.bedrock.connection-acquisition-timeout"
                                + " (if fewer were in flight, opening a new connection took that long)", failure);
            }
            if (t instanceof IllegalStateException && message.startsWith(TOO_MANY_PENDING)) {
                return new OutcropException(OutcropErrorCode.LOCAL_CAPACITY_EXHAUSTED,
                        "Outcrop's own connection pool to Bedrock is exhausted (a local limit, not Bedrock's): outcrop.bedrock.max-concurrency"
                                + value(config == null ? null : config.maxConcurrency())
                                + " calls were in flight to the endpoint and outcrop.bedrock.max-pending-connection-acquires"
                                + value(config == null ? null : config.maxPendingConnectionAcquires())
                                + " more were already waiting for a connection. Run fewer calls at once, or raise"
                                + " outcrop.bedrock.max-concurrency or outcrop.bedrock.max-pending-connection-acquires", failure);
            }
        }
        return null;
    }

    private static String value(Object configured) {
        return configured == null ? "" : " (" + configured + ")";
    }

    /** Exception frames name their type in lower camel case (throttlingException); core sees one spelling. */
    private static String remoteType(AwsServiceException e) {
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
        if (code == null || code.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return Character.isLowerCase(code.charAt(0)) ? Character.toUpperCase(code.charAt(0)) + code.substring(1) : code;
    }

    /**
     * The SDK wraps a last attempt's timeout in an SdkClientException ("Unable to execute HTTP request"). When the
     * timeout's task itself completes the call (as with completion on the I/O thread), the SDK 2.57.8 may report only
     * Netty's IOException("Request cancelled"): the SDK cancels a non-streaming attempt for nothing but a timeout.
     * We cancel one too, when our caller's future completed first (core cancelled it), but then nobody reads what the
     * SDK call failed with, so "Request cancelled" is still a timeout wherever it is mapped. The CRT client reports the
     * same race as its AWS_ERROR_HTTP_STREAM_CANCELLED ("In-flight HTTP-stream has been cancelled by user").
     */
    private static Throwable timeoutIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException || isReadTimeout(t)
                    || (t instanceof java.io.IOException && "Request cancelled".equals(t.getMessage())) || crtError(t, CRT_STREAM_CANCELLED)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The read timeout, as the SDK reports it: Netty's IOException "Read timed out" with channel diagnostics, or the CRT
     * client closing a connection that stayed below its minimum throughput.
     */
    private static boolean isReadTimeout(Throwable t) {
        return (t instanceof java.io.IOException && t.getMessage() != null && t.getMessage().startsWith("Read timed out"))
                || crtError(t, CRT_THROUGHPUT_FAILURE);
    }

    /** Whether {@code t} is the CRT client's error of that name (the CRT classes are only touched when present). */
    private static boolean crtError(Throwable t, String name) {
        if (!t.getClass().getName().equals("software.amazon.awssdk.crt.http.HttpException")) {
            return false;
        }
        return name.equals(software.amazon.awssdk.crt.CRT.awsErrorName(((software.amazon.awssdk.crt.http.HttpException) t).getErrorCode()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int channelInfo = message.indexOf(" Channel Information:");
        return channelInfo > 0 ? message.substring(0, channelInfo) : message;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
