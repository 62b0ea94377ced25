package dev.outcrop.bedrock.emulator;

import dev.outcrop.bedrock.emulator.internal.fault.FaultRule;
import java.time.Duration;

/**
 * Faults and load behaviour for calls to matching models. Every field defaults to "no fault"; rates are
 * probabilities in 0..1 drawn from the emulator's seeded random source, so a fixed seed replays the same faults.
 *
 * @param latency               fixed delay before answering
 * @param latencyJitter         extra delay drawn uniformly from 0..jitter (a simple latency distribution)
 * @param throttleRate          share of calls answered with ThrottlingException (429)
 * @param maxRequestsPerSecond  calls beyond this many per second (per pattern) get ThrottlingException; 0 = no limit
 * @param serverErrorRate       share of calls answered with {@code serverErrorType}
 * @param serverErrorType       the error for {@code serverErrorRate}, e.g. InternalServerException,
 *                              ServiceUnavailableException, ModelTimeoutException, ModelNotReadyException,
 *                              ModelErrorException, ServiceQuotaExceededException
 * @param connectionResetRate   share of calls whose connection is dropped without an answer
 * @param firstByteDelay        slow first byte: delay before a stream's response head; for a non-stream answer it
 *                              adds to the latency
 * @param chunkDelay            delay between stream frames
 * @param cutStreamAfterChunks  streams end after this many frames; -1 = never
 * @param streamExceptionType   when cutting, send this exception frame (e.g. throttlingException,
 *                              modelStreamErrorException) instead of just dropping the connection; null = drop
 * @param retryAfter            a {@code Retry-After} header (whole seconds) on the throttling answers these faults
 *                              give, and on their {@code serverErrorType} answers whose status is 429 or 503
 *                              (ModelNotReadyException, ServiceUnavailableException); null = no header, as Bedrock
 *                              documents none
 */
public record FaultSpec(Duration latency, Duration latencyJitter, double throttleRate, int maxRequestsPerSecond,
                        double serverErrorRate, String serverErrorType, double connectionResetRate,
                        Duration firstByteDelay, Duration chunkDelay, int cutStreamAfterChunks,
                        String streamExceptionType, Duration retryAfter) {

    public static final FaultSpec NONE = builder().build();

    public FaultSpec {
        // One set of rules for both: the internal rule checks every value, with the messages users see.
        new FaultRule(latency, latencyJitter, throttleRate, maxRequestsPerSecond, serverErrorRate, serverErrorType,
                connectionResetRate, firstByteDelay, chunkDelay, cutStreamAfterChunks, streamExceptionType, retryAfter);
    }

    /** The eleven-component shape from before {@code retryAfter}: no Retry-After header. */
    public FaultSpec(Duration latency, Duration latencyJitter, double throttleRate, int maxRequestsPerSecond,
                     double serverErrorRate, String serverErrorType, double connectionResetRate,
                     Duration firstByteDelay, Duration chunkDelay, int cutStreamAfterChunks, String streamExceptionType) {
        this(latency, latencyJitter, throttleRate, maxRequestsPerSecond, serverErrorRate, serverErrorType,
                connectionResetRate, firstByteDelay, chunkDelay, cutStreamAfterChunks, streamExceptionType, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.latency = latency;
        b.latencyJitter = latencyJitter;
        b.throttleRate = throttleRate;
        b.maxRequestsPerSecond = maxRequestsPerSecond;
        b.serverErrorRate = serverErrorRate;
        b.serverErrorType = serverErrorType;
        b.connectionResetRate = connectionResetRate;
        b.firstByteDelay = firstByteDelay;
        b.chunkDelay = chunkDelay;
        b.cutStreamAfterChunks = cutStreamAfterChunks;
        b.streamExceptionType = streamExceptionType;
        b.retryAfter = retryAfter;
        return b;
    }

    /** Builder for {@link FaultSpec}. */
    public static final class Builder {
        private Duration latency = Duration.ZERO;
        private Duration latencyJitter = Duration.ZERO;
        private double throttleRate;
        private int maxRequestsPerSecond;
        private double serverErrorRate;
        private String serverErrorType = "InternalServerException";
        private double connectionResetRate;
        private Duration firstByteDelay = Duration.ZERO;
        private Duration chunkDelay = Duration.ZERO;
        private int cutStreamAfterChunks = -1;
        private String streamExceptionType;
        private Duration retryAfter;

        private Builder() {
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder latencyJitter(Duration latencyJitter) {
            this.latencyJitter = latencyJitter;
            return this;
        }

        public Builder throttleRate(double throttleRate) {
            this.throttleRate = throttleRate;
            return this;
        }

        public Builder maxRequestsPerSecond(int maxRequestsPerSecond) {
            this.maxRequestsPerSecond = maxRequestsPerSecond;
            return this;
        }

        public Builder serverErrorRate(double serverErrorRate) {
            this.serverErrorRate = serverErrorRate;
            return this;
        }

        public Builder serverErrorType(String serverErrorType) {
            this.serverErrorType = serverErrorType;
            return this;
        }

        public Builder connectionResetRate(double connectionResetRate) {
            this.connectionResetRate = connectionResetRate;
            return this;
        }

        public Builder firstByteDelay(Duration firstByteDelay) {
            this.firstByteDelay = firstByteDelay;
            return this;
        }

        public Builder chunkDelay(Duration chunkDelay) {
            this.chunkDelay = chunkDelay;
            return this;
        }

        public Builder cutStreamAfterChunks(int cutStreamAfterChunks) {
            this.cutStreamAfterChunks = cutStreamAfterChunks;
            return this;
        }

        public Builder streamExceptionType(String streamExceptionType) {
            this.streamExceptionType = streamExceptionType;
            return this;
        }

        /** Sends {@code Retry-After: <seconds>} with throttling (and 503) answers; null (the default) sends none. */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        public FaultSpec build() {
            return new FaultSpec(latency, latencyJitter, throttleRate, maxRequestsPerSecond, serverErrorRate,
                    serverErrorType, connectionResetRate, firstByteDelay, chunkDelay, cutStreamAfterChunks,
                    streamExceptionType, retryAfter);
        }
    }
}
