package dev.outcrop.core.error;

/**
 * A model call that failed at Bedrock, at STS, or on the way (a timeout, a broken connection).
 * These are the errors that {@code null_on_error} turns into NULL.
 */
public class InvocationException extends OutcropException {

    private static final long serialVersionUID = 1L;

    private final String remoteErrorType;
    private final int httpStatus;
    private final boolean retryable;
    private final java.time.Duration retryAfter;

    /**
     * @param remoteErrorType the service's error type, such as {@code ThrottlingException}, or a local
     *                        name such as {@code ConnectionError}
     * @param httpStatus the HTTP status, or 0 when no response was received
     */
    public InvocationException(ErrorCodeSupplier code, String remoteErrorType, int httpStatus, boolean retryable,
                               String message, Throwable cause) {
        this(code, remoteErrorType, httpStatus, retryable, null, message, cause);
    }

    /**
     * @param retryAfter how long the service asked the caller to wait before trying again (a Retry-After
     *                   header), or null when it did not say
     */
    public InvocationException(ErrorCodeSupplier code, String remoteErrorType, int httpStatus, boolean retryable,
                               java.time.Duration retryAfter, String message, Throwable cause) {
        super(code, message, cause);
        this.remoteErrorType = remoteErrorType;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** How long the service asked callers to wait before trying again, or null when it did not say. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public String remoteErrorType() {
        return remoteErrorType;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
