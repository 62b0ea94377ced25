package dev.outcrop.core.query;

/**
 * A snapshot of a running statement's progress.
 *
 * @param rowsDone rows computed and handed to the consumer (or collected for the result)
 * @param rowsTotal rows the statement will produce, or -1 while that is unknown (a WHERE that calls a model)
 * @param callsInFlight model calls sent and not yet answered
 * @param callsWaiting model calls waiting for a slot under the concurrency limits, or for a retry's backoff
 * @param callsMade model calls sent so far, retries included
 * @param retries calls sent again after a throttle
 * @param throttles throttling answers received (each lowers the location's and model's concurrency)
 * @param failedRows rows whose call failed and became NULL under {@code null_on_error}
 * @param tokensUsed tokens charged to the account's budget by the calls answered so far
 */
public record QueryProgress(long rowsDone, long rowsTotal, int callsInFlight, int callsWaiting, long callsMade, long retries,
                            long throttles, long failedRows, long tokensUsed) {

    /** Progress of a statement that has done nothing yet. */
    public static final QueryProgress NONE = new QueryProgress(0, -1, 0, 0, 0, 0, 0, 0, 0);
}
