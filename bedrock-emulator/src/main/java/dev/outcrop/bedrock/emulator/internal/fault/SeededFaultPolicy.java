package dev.outcrop.bedrock.emulator.internal.fault;

import dev.outcrop.bedrock.emulator.internal.wire.BedrockErrorType;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the configured {@link FaultRule}s into per-call decisions. One seeded {@link Random} serves every draw and
 * is re-seeded whenever the faults change, so a test that configures faults sees the same sequence on every run.
 * With no faults configured nothing is drawn and nothing is locked.
 */
public final class SeededFaultPolicy implements FaultDecision.Policy {
    private final FaultTable faults;
    private final long seed;
    private final Clock clock;
    private final Random random;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();
    private Map<String, FaultRule> seenSpecs = Map.of();

    public SeededFaultPolicy(FaultTable faults, long seed, Clock clock) {
        this.faults = faults;
        this.seed = seed;
        this.clock = clock;
        this.random = new Random(seed);
    }

    @Override
    public FaultDecision decide(String requestedId, String resolvedId) {
        Map<String, FaultRule> specs = faults.current();
        if (specs.isEmpty()) {
            return FaultDecision.NONE;
        }
        String pattern = FaultTable.matchingPattern(specs, requestedId, resolvedId);
        FaultRule spec = pattern == null ? null : specs.get(pattern);
        if (spec == null) {
            return FaultDecision.NONE;
        }
        synchronized (this) {
            if (specs != seenSpecs) {
                random.setSeed(seed);
                windows.clear();
                seenSpecs = specs;
            }
            long delay = spec.latency().toMillis();
            long jitter = spec.latencyJitter().toMillis();
            if (jitter > 0) {
                delay += (long) (random.nextDouble() * (jitter + 1));
            }
            BedrockErrorType error = null;
            boolean reset = false;
            if (spec.maxRequestsPerSecond() > 0 && overLimit(pattern, spec.maxRequestsPerSecond())) {
                error = BedrockErrorType.THROTTLING;
            } else if (spec.throttleRate() > 0 && random.nextDouble() < spec.throttleRate()) {
                error = BedrockErrorType.THROTTLING;
            } else if (spec.serverErrorRate() > 0 && random.nextDouble() < spec.serverErrorRate()) {
                error = serverError(spec.serverErrorType());
            } else if (spec.connectionResetRate() > 0 && random.nextDouble() < spec.connectionResetRate()) {
                reset = true;
            }
            return new FaultDecision(delay, error, reset, spec.firstByteDelay().toMillis(),
                    spec.chunkDelay().toMillis(), spec.cutStreamAfterChunks(), spec.streamExceptionType(),
                    spec.retryAfter() == null ? -1 : spec.retryAfter().toSeconds());
        }
    }

    /** Fixed one-second windows per pattern: {window start second, calls in it}. */
    private boolean overLimit(String pattern, int limit) {
        long second = clock.millis() / 1000;
        long[] window = windows.computeIfAbsent(pattern, k -> new long[] {second, 0});
        if (window[0] != second) {
            window[0] = second;
            window[1] = 0;
        }
        window[1]++;
        return window[1] > limit;
    }

    private static BedrockErrorType serverError(String code) {
        BedrockErrorType type = BedrockErrorType.byCode(code);
        return type == null ? BedrockErrorType.INTERNAL_SERVER : type;
    }
}
