package dev.outcrop.core.error;

import static java.util.Objects.requireNonNull;

/**
 * The unchecked exception every Outcrop failure is reported with. Its message says what failed,
 * with which input, and what to do; it never contains a credential.
 */
public class OutcropException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public OutcropException(ErrorCodeSupplier errorCode, String message) {
        this(errorCode, message, null);
    }

    public OutcropException(ErrorCodeSupplier errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null").toErrorCode();
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** True for errors that may succeed when retried unchanged (throttling, outages). */
    public boolean retryable() {
        return false;
    }
}
