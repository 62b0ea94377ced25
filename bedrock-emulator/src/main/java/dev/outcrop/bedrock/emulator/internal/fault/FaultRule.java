package dev.outcrop.bedrock.emulator.internal.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults for one model pattern, as the internals read them. Component for component the public {@code FaultSpec}
 * (see there for what each one does), which the public facade converts to and from: internals must not depend on the
 * public package, which depends on them.
 *
 * <p>The admin API builds rules straight from JSON, so the rule checks its values itself, with the same messages
 * {@code FaultSpec} gives; a rule converted from a {@code FaultSpec} always passes.
 */
public record FaultRule(Duration latency, Duration latencyJitter, double throttleRate, int maxRequestsPerSecond,
                        double serverErrorRate, String serverErrorType, double connectionResetRate,
                        Duration firstByteDelay, Duration chunkDelay, int cutStreamAfterChunks,
                        String streamExceptionType, Duration retryAfter) {

    /** The error {@code serverErrorRate} draws when no type is named. */
    public static final String DEFAULT_SERVER_ERROR_TYPE = "InternalServerException";

    public FaultRule {
        Objects.requireNonNull(latency, "latency is null");
        Objects.requireNonNull(latencyJitter, "latencyJitter is null");
        Objects.requireNonNull(firstByteDelay, "firstByteDelay is null");
        Objects.requireNonNull(chunkDelay, "chunkDelay is null");
        Objects.requireNonNull(serverErrorType, "serverErrorType is null");
        requireRate(throttleRate, "throttleRate");
        requireRate(serverErrorRate, "serverErrorRate");
        requireRate(connectionResetRate, "connectionResetRate");
        if (maxRequestsPerSecond < 0) {
            throw new IllegalArgumentException("maxRequestsPerSecond must not be negative");
        }
        if (retryAfter != null && (retryAfter.isNegative() || retryAfter.toNanos() % 1_000_000_000L != 0)) {
            throw new IllegalArgumentException("retryAfter must be a whole number of seconds, not negative, or null for none");
        }
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1");
        }
    }
}
