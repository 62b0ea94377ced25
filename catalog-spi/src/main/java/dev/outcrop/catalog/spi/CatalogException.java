package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

/** The one exception a {@link CatalogStore} throws; core maps its reason to a user-facing error. */
public class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed. Core relies on these to tell the user what to do. */
    public enum Reason {
        /** The object named does not exist. */
        NOT_FOUND(false),
        /** An object of that name exists already. */
        ALREADY_EXISTS(false),
        /** The stored version differs from the expected one: someone else changed it first. */
        VERSION_CONFLICT(false),
        /** The store cannot be reached or failed; the operation may succeed when retried later. */
        UNAVAILABLE(true),
        /** The input breaks a rule of the store (too long, bad characters). */
        INVALID(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;

    public CatalogException(Reason reason, String message) {
        this(reason, message, null);
    }

    public CatalogException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason() {
        return reason;
    }

    public boolean retryable() {
        return reason.retryable();
    }
}
