package dev.outcrop.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Drives the adaptive limit against simulated services, in simulated time: every call takes one step
 * (100 ms), the caller always has more calls to send, and the service throttles at random, or beyond a
 * quota of calls per step, or both. The limit must settle where the service's answers say it should:
 * near the maximum when throttles do not depend on load, near the quota when they do.
 */
final class AdaptiveLimitTest {

    private static final long STEP_NANOS = 100_000_000L;
    private static final int MAX = 256;

    /** What the simulated service does with the calls it receives in one step. */
    private interface Service {
        boolean throttles(int receivedThisStep, Random random);
    }

    private record Figures(double meanLimit, int finalLimit, double successesPerStep, double tolerated) {
    }

    /** The simulated caller: its limit, its grant numbers and the clock go on from one run to the next. */
    private static final class Caller {
        final AdaptiveLimit limit = new AdaptiveLimit(MAX, 0, 0);
        long grants;
        long clockStep;
        final ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // {grant number, throttled ? 1 : 0}
    }

    /** Runs {@code steps} steps and reports the averages over the second half. */
    private static Figures simulate(Caller caller, Service service, int steps, long seed) {
        Random random = new Random(seed);
        AdaptiveLimit limit = caller.limit;
        ArrayDeque<long[]> inFlight = caller.inFlight;
        long grants = caller.grants;
        double limitSum = 0;
        long successes = 0;
        int measured = 0;
        for (int step = 0; step < steps; step++) {
            long stepStart = (caller.clockStep++) * STEP_NANOS;
            // The calls sent last step are answered during this one, spread across it.
            List<long[]> answered = new ArrayList<>(inFlight);
            inFlight.clear();
            for (int i = 0; i < answered.size(); i++) {
                long[] call = answered.get(i);
                long now = stepStart + (i + 1) * STEP_NANOS / (answered.size() + 1);
                if (call[1] == 1) {
                    limit.throttled(call[0], grants, now, 0);
                } else {
                    limit.succeeded(call[0], grants, now);
                    if (step >= steps / 2) {
                        successes++;
                    }
                }
            }
            int received = 0;
            while (limit.hasRoom(stepStart)) {
                limit.started();
                grants++;
                received++;
                inFlight.add(new long[] {grants, service.throttles(received, random) ? 1 : 0});
            }
            if (step >= steps / 2) {
                limitSum += limit.currentLimit();
                measured++;
            }
        }
        caller.grants = grants;
        return new Figures(limitSum / measured, limit.currentLimit(), (double) successes / measured, limit.toleratedShare());
    }

    private static Caller fresh() {
        return new Caller();
    }

    @Test
    void throttlesThatDoNotDependOnLoad_areTolerated_andTheLimitStaysNearTheMaximum() {
        // Plain AIMD settled near 2 calls in flight here.
        Figures figures = simulate(fresh(), (received, random) -> random.nextDouble() < 0.3, 400, 1);

        assertThat(figures.meanLimit()).as("mean limit over the second half").isGreaterThan(0.8 * MAX);
        assertThat(figures.tolerated()).as("the share learned as not caused by load").isBetween(0.2, 0.4);
        assertThat(figures.successesPerStep()).as("about 70% of 256 calls per step succeed").isGreaterThan(0.8 * 0.7 * MAX);
    }

    @Test
    void aQuotaBringsTheLimitDownToIt_withoutCollapsing() {
        int quota = 60;
        Figures figures = simulate(fresh(), (received, random) -> received > quota, 400, 2);

        assertThat(figures.meanLimit()).as("mean limit over the second half").isBetween(0.6 * quota, 1.6 * quota);
        assertThat(figures.successesPerStep()).as("the quota is mostly used").isGreaterThan(0.75 * quota);
        assertThat(figures.tolerated()).as("throttles caused by load are never tolerated").isLessThan(0.1);
    }

    @Test
    void aQuotaAndRandomThrottlesTogether_settleNearTheQuota() {
        // The benchmark's setting: 30% at random plus a rate limit that 256 calls per step exceed.
        int quota = 200;
        Figures figures = simulate(fresh(), (received, random) -> received > quota || random.nextDouble() < 0.3, 600, 3);

        assertThat(figures.meanLimit()).as("mean limit over the second half").isBetween(0.6 * quota, 1.3 * MAX);
        assertThat(figures.successesPerStep()).as("successes per step, of at most 0.7 x 200 = 140").isGreaterThan(0.75 * 0.7 * quota);
    }

    @Test
    void aServiceThatThrottlesEverything_getsOneCallAtATime() {
        Figures figures = simulate(fresh(), (received, random) -> true, 200, 4);

        assertThat(figures.finalLimit()).isEqualTo(1);
    }

    @Test
    void aLimitCutByABurst_recoversInTensOfRounds() {
        Caller caller = fresh();
        simulate(caller, (received, random) -> true, 100, 5);
        assertThat(caller.limit.currentLimit()).isEqualTo(1);

        Figures figures = simulate(caller, (received, random) -> false, 120, 6);
        // Each round is judged on at least 4 calls, so from 1 call in flight the first rounds take a few steps each.
        assertThat(figures.finalLimit()).as("after 120 steps without throttles").isEqualTo(MAX);
    }

    @Test
    void aRetryAfterPausesThePair_untilItHasPassed() {
        AdaptiveLimit limit = fresh().limit;
        limit.started();
        limit.throttled(1, 1, 0, 500);

        assertThat(limit.hasRoom(499)).isFalse();
        assertThat(limit.pauseRemaining(100)).isEqualTo(400);
        assertThat(limit.hasRoom(500)).isTrue();
    }
}
