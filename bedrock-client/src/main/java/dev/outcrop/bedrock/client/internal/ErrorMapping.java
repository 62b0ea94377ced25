package dev.outcrop.bedrock.client.internal;

import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import java.util.Set;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns the AWS SDK's exceptions into core's {@link InvocationException}: the remote error type, the
 * HTTP status and the service's own message, and whether a retry may help.
 */
public final class ErrorMapping {

    /** Bedrock's errors that a later attempt may not get. */
    private static final Set<String> RETRYABLE = Set.of("ThrottlingException", "ModelTimeoutException", "ModelNotReadyException",
            "ServiceUnavailableException", "InternalServerException", "ServiceQuotaExceededException", "Throttling", "RequestLimitExceeded");

    private ErrorMapping() {
    }

    public static InvocationException map(Throwable failure, OutcropErrorCode code) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InvocationException invocation) {
            return invocation;
        }
        if (cause instanceof AwsServiceException e) {
            String type = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null ? e.awsErrorDetails().errorMessage() : "no message";
            int status = e.statusCode();
            boolean retryable = RETRYABLE.contains(type) || status >= 500 || status == 429;
            return new InvocationException(code, type, status, retryable, message, e);
        }
        if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
            return new InvocationException(code, "Timeout", 0, true, "no answer within the configured timeout: " + cause.getMessage(), cause);
        }
        if (cause instanceof SdkClientException e) {
            return new InvocationException(code, "ConnectionError", 0, true, "the request could not be completed: " + e.getMessage(), e);
        }
        return new InvocationException(code, cause.getClass().getSimpleName(), 0, false, String.valueOf(cause.getMessage()), cause);
    }
}
