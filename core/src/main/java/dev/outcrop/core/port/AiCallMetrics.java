package dev.outcrop.core.port;

/**
 * Told about every model call Outcrop makes, for an adapter to count (the HTTP service exports them to Prometheus
 * through Micrometer; core itself depends on no metrics library). Called on the threads that complete the calls:
 * implementations must be quick, thread-safe and never throw. Only the function, the model id and the numbers are
 * passed: never a prompt, an answer, a location's credentials or an account's name.
 */
public interface AiCallMetrics {

    /** Reports nothing. */
    AiCallMetrics NONE = new AiCallMetrics() {
    };

    /** How one attempt of a call ended. */
    enum Outcome {
        /** The model answered. */
        SUCCEEDED,
        /** The service had no room (a throttle or an overload answer); it may be retried. */
        THROTTLED,
        /** Any other failure: a refusal, an invalid request, a timeout, a lost connection, credentials. */
        FAILED,
        /** The statement stopped (cancelled, timed out, or another row failed) while the call was out. */
        CANCELLED
    }

    /**
     * One attempt of a call ended.
     *
     * @param function the SQL function that made it ({@code AI_QUERY}, {@code AWS_BEDROCK_AI_QUERY}, {@code AI_EMBED_TEXT})
     * @param model the model id as the statement named it
     * @param usage the tokens charged for it ({@link TokenUsage#NONE} unless it succeeded)
     */
    default void callEnded(String function, String model, Outcome outcome, TokenUsage usage) {
    }

    /** A call is sent again after a throttle or a lost connection. */
    default void callRetried(String function, String model) {
    }

    /** A row's value started to be computed by a model call (with its retries), or finished: rows in flight. */
    default void rowsInFlightChanged(int delta) {
    }
}
