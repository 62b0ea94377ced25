package dev.outcrop.core.internal.run;


/**
 * The limits one run works under: the deployment's, lowered where the session's settings ask.
 *
 * @param maxCallsInFlight calls this run may have in flight
 * @param rowsAhead rows computed ahead of the consumer
 * @param statementTimeoutNanos 0 for none
 * @param admissionTimeoutNanos 0 to wait as long as the statement may run
 * @param maxRetries attempts after the first for a throttled call
 * @param maxFailedRows rows that may fail under null_on_error before the run stops; -1 for no limit
 * @param maxFailedPercent percent of rows that may fail; -1 for no limit
 * @param deduplicate whether identical requests of the run share one call
 */
public record RunLimits(int maxCallsInFlight, int rowsAhead, long statementTimeoutNanos, long admissionTimeoutNanos, int maxRetries,
                        long maxFailedRows, double maxFailedPercent, boolean deduplicate) {
}
