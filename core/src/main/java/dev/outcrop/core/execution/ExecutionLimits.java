package dev.outcrop.core.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How much work AI functions may put in flight, and for how long statements may run. Every model call
 * waits in core's scheduler for a slot under all of these limits at once, so a call waits where it
 * can be counted and cancelled, never in the HTTP client's connection pool.
 *
 * <p>The process limit is further capped by the model runtime's own capacity
 * ({@link dev.outcrop.core.port.ModelRuntime#maxConcurrentCalls()}). Sessions may lower (never raise)
 * their statements' limit with {@code SET ai_max_concurrency = n}; see docs/execution.md.
 *
 * @param maxCallsInFlight calls in flight in the whole process
 * @param maxCallsPerAccount calls in flight for one account, over all its statements
 * @param maxCallsPerLocation calls in flight through one location; throttling lowers this adaptively per (location, model)
 * @param maxCallsPerStatement calls in flight for one statement, unless the session sets a lower {@code ai_max_concurrency}
 * @param rowsAhead how many rows a statement computes ahead of the row its consumer is reading: bounds memory
 * @param statementTimeout how long a statement may run before it is cancelled; {@link Duration#ZERO} for no limit
 * @param admissionTimeout how long one call may wait for a slot; {@link Duration#ZERO} to wait as long as the statement may run
 * @param maxRetries how often a throttled call is tried again (after a backoff, within the statement's timeout)
 * @param retryBaseDelay the first backoff after a throttle; it doubles per attempt, with jitter, up to {@code retryMaxDelay}
 * @param retryMaxDelay the longest backoff between two attempts of one call
 * @param budgetLeaseTokens how many tokens a server takes from the account's daily budget in one catalog round trip
 * @param locationRecheck how old a location's credentials may be before a call reads them from the catalog again
 *                        (changes made through this process apply at once; this bounds how soon another server's do)
 */
public record ExecutionLimits(
        int maxCallsInFlight,
        int maxCallsPerAccount,
        int maxCallsPerLocation,
        int maxCallsPerStatement,
        int rowsAhead,
        Duration statementTimeout,
        Duration admissionTimeout,
        int maxRetries,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        long budgetLeaseTokens,
        Duration locationRecheck) {

    public static final int DEFAULT_MAX_CALLS_IN_FLIGHT = 256;
    public static final int DEFAULT_ROWS_AHEAD = 1024;
    public static final int DEFAULT_MAX_RETRIES = 8;
    public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(10);
    public static final long DEFAULT_BUDGET_LEASE_TOKENS = 10_000;
    public static final Duration DEFAULT_LOCATION_RECHECK = Duration.ofSeconds(1);

    public ExecutionLimits {
        positive(maxCallsInFlight, "maxCallsInFlight");
        positive(maxCallsPerAccount, "maxCallsPerAccount");
        positive(maxCallsPerLocation, "maxCallsPerLocation");
        positive(maxCallsPerStatement, "maxCallsPerStatement");
        positive(rowsAhead, "rowsAhead");
        notNegative(statementTimeout, "statementTimeout");
        notNegative(admissionTimeout, "admissionTimeout");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, but was " + maxRetries);
        }
        notNegative(retryBaseDelay, "retryBaseDelay");
        notNegative(retryMaxDelay, "retryMaxDelay");
        if (budgetLeaseTokens < 1) {
            throw new IllegalArgumentException("budgetLeaseTokens must be at least 1, but was " + budgetLeaseTokens);
        }
        notNegative(locationRecheck, "locationRecheck");
    }

    /** The defaults: 256 calls in flight for the process, each account, location and statement; no timeouts. */
    public static ExecutionLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder()
                .maxCallsInFlight(maxCallsInFlight).maxCallsPerAccount(maxCallsPerAccount).maxCallsPerLocation(maxCallsPerLocation)
                .maxCallsPerStatement(maxCallsPerStatement).rowsAhead(rowsAhead).statementTimeout(statementTimeout)
                .admissionTimeout(admissionTimeout).maxRetries(maxRetries).retryBaseDelay(retryBaseDelay).retryMaxDelay(retryMaxDelay)
                .budgetLeaseTokens(budgetLeaseTokens).locationRecheck(locationRecheck);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
        }
    }

    private static void notNegative(Duration value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + value);
        }
    }

    /** Builds {@link ExecutionLimits}; unset limits take the defaults. */
    public static final class Builder {
        private int maxCallsInFlight = DEFAULT_MAX_CALLS_IN_FLIGHT;
        private Integer maxCallsPerAccount;
        private Integer maxCallsPerLocation;
        private Integer maxCallsPerStatement;
        private int rowsAhead = DEFAULT_ROWS_AHEAD;
        private Duration statementTimeout = Duration.ZERO;
        private Duration admissionTimeout = Duration.ZERO;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryBaseDelay = DEFAULT_RETRY_BASE_DELAY;
        private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
        private long budgetLeaseTokens = DEFAULT_BUDGET_LEASE_TOKENS;
        private Duration locationRecheck = DEFAULT_LOCATION_RECHECK;

        private Builder() {
        }

        /** Calls in flight in the whole process (default 256, and never more than the model runtime holds). */
        public Builder maxCallsInFlight(int value) {
            this.maxCallsInFlight = value;
            return this;
        }

        /** Calls in flight for one account (default: the process limit). */
        public Builder maxCallsPerAccount(int value) {
            this.maxCallsPerAccount = value;
            return this;
        }

        /** Calls in flight through one location (default: the process limit). */
        public Builder maxCallsPerLocation(int value) {
            this.maxCallsPerLocation = value;
            return this;
        }

        /** Calls in flight for one statement (default: the process limit). */
        public Builder maxCallsPerStatement(int value) {
            this.maxCallsPerStatement = value;
            return this;
        }

        /** Rows computed ahead of the consumer (default 1024). */
        public Builder rowsAhead(int value) {
            this.rowsAhead = value;
            return this;
        }

        /** The default statement timeout (default none); sessions change it with {@code SET statement_timeout}. */
        public Builder statementTimeout(Duration value) {
            this.statementTimeout = value;
            return this;
        }

        /** How long one call may wait for a slot (default: as long as the statement may run). */
        public Builder admissionTimeout(Duration value) {
            this.admissionTimeout = value;
            return this;
        }

        /** Attempts after the first for a throttled call (default 8). */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        public Builder retryBaseDelay(Duration value) {
            this.retryBaseDelay = value;
            return this;
        }

        public Builder retryMaxDelay(Duration value) {
            this.retryMaxDelay = value;
            return this;
        }

        /** Tokens leased from the daily budget per catalog round trip (default 10,000). */
        public Builder budgetLeaseTokens(long value) {
            this.budgetLeaseTokens = value;
            return this;
        }

        /** How stale a location's credentials may get before a call reads them again (default 1 s). */
        public Builder locationRecheck(Duration value) {
            this.locationRecheck = value;
            return this;
        }

        public ExecutionLimits build() {
            return new ExecutionLimits(maxCallsInFlight,
                    maxCallsPerAccount != null ? maxCallsPerAccount : maxCallsInFlight,
                    maxCallsPerLocation != null ? maxCallsPerLocation : maxCallsInFlight,
                    maxCallsPerStatement != null ? maxCallsPerStatement : maxCallsInFlight,
                    rowsAhead, statementTimeout, admissionTimeout, maxRetries, retryBaseDelay, retryMaxDelay, budgetLeaseTokens,
                    locationRecheck);
        }
    }
}
