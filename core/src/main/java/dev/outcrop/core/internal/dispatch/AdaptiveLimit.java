package dev.outcrop.core.internal.dispatch;


/**
 * The concurrency allowed for one (location, model), adapted to throttling. Guarded by the scheduler's lock.
 *
 * <p>Plain AIMD (halve on any throttle, add one per round) collapses when throttles do not depend on load:
 * with 30% of calls throttled at random, every round sees a throttle, and the limit settles near 2 calls in
 * flight while the service would take hundreds. So this limit judges rounds, not single throttles, and tests
 * each decrease:
 * <ul>
 *   <li>A <b>round</b> is the outcomes of calls granted after it began, until as many have finished as the
 *       limit allows (at least {@link #MIN_ROUND}). Outcomes of calls granted earlier belong to earlier rounds and
 *       are not counted, so a round shows how the service answered the current limit.</li>
 *   <li>A round whose throttled share is above the share it <b>tolerates</b> (plus sampling noise) lowers the
 *       limit by {@link #BACKOFF}, and the next round is a <b>probe</b>.</li>
 *   <li>If, in the probe, neither the throttled share fell nor the successes per second held up, lowering did
 *       not help: the throttles do not depend on this process's load. The limit goes back, and that share is
 *       tolerated from then on. Otherwise the lower limit stays (a rate quota shows as the share falling, or as the
 *       same successes per second from fewer calls).</li>
 *   <li>A round without throttles raises the limit by a quarter, and one within the tolerated share by an
 *       eighth (at least one either way), so that a limit cut by a burst recovers in tens of rounds, not hundreds.
 *       The tolerated share decays as rounds come in below it.</li>
 *   <li>A throttle's Retry-After pauses every call of the pair until it has passed.</li>
 * </ul>
 */
public final class AdaptiveLimit {

    /** The factor a limit is multiplied by when a round shows too many throttles. */
    static final double BACKOFF = 0.7;
    /** The fewest outcomes a round is judged on, so that a low limit still sees a meaningful sample. */
    static final int MIN_ROUND = 4;
    /** A probe that keeps this share of the successes per second (or more) shows the limit was not the bottleneck. */
    private static final double GOODPUT_HELD = 1 - (1 - BACKOFF) / 2;

    private final int max;
    private double limit;
    private int inFlight;
    private long pausedUntilNanos;

    /** The share of throttled calls that lowering the limit has been seen not to reduce. */
    private double tolerated;
    /** Calls granted up to this number belong to earlier rounds. */
    private long roundAfterGrant;
    private long roundStartNanos;
    private int roundOutcomes;
    private int roundThrottles;
    /** Set while the round after a decrease runs: what the round before the decrease showed. */
    private Round probing;

    private record Round(double limit, double throttledShare, double successesPerSecond) {
    }

    AdaptiveLimit(int max, long latestGrant, long nowNanos) {
        this.max = max;
        this.limit = max;
        this.roundAfterGrant = latestGrant;
        this.roundStartNanos = nowNanos;
    }

    boolean hasRoom(long nowNanos) {
        return inFlight < (int) limit && nowNanos - pausedUntilNanos >= 0;
    }

    /** Nanos until the pause ends, or 0 if not paused. */
    long pauseRemaining(long nowNanos) {
        return Math.max(0, pausedUntilNanos - nowNanos);
    }

    void started() {
        inFlight++;
    }

    /**
     * @param grantNumber the number of the permit whose call succeeded
     * @param latestGrant the number of the latest permit granted anywhere
     */
    void succeeded(long grantNumber, long latestGrant, long nowNanos) {
        inFlight--;
        count(grantNumber, false, latestGrant, nowNanos);
    }

    /** A call that ended some other way (an error, a cancel): it says nothing about throttling. */
    void failed() {
        inFlight--;
    }

    /**
     * @param grantNumber the number of the permit whose call was throttled
     * @param latestGrant the number of the latest permit granted anywhere
     * @param pauseNanos how long the service asked to wait, or 0
     */
    void throttled(long grantNumber, long latestGrant, long nowNanos, long pauseNanos) {
        inFlight--;
        if (pauseNanos > 0 && nowNanos + pauseNanos - pausedUntilNanos > 0) {
            pausedUntilNanos = nowNanos + pauseNanos;
        }
        count(grantNumber, true, latestGrant, nowNanos);
    }

    private void count(long grantNumber, boolean throttled, long latestGrant, long nowNanos) {
        if (grantNumber <= roundAfterGrant) {
            return;
        }
        roundOutcomes++;
        if (throttled) {
            roundThrottles++;
        }
        int size = Math.max(MIN_ROUND, (int) limit);
        // A round that is throttled through and through is judged early: waiting for the whole round would send
        // a limit's worth of calls into a wall.
        boolean plainlyOver = roundThrottles >= MIN_ROUND && roundThrottles > (tolerated + 0.5) * roundOutcomes;
        if (roundOutcomes >= size || plainlyOver) {
            judgeRound(latestGrant, nowNanos);
        }
    }

    private void judgeRound(long latestGrant, long nowNanos) {
        double share = (double) roundThrottles / roundOutcomes;
        double seconds = Math.max(1e-6, (nowNanos - roundStartNanos) / 1e9);
        double successesPerSecond = (roundOutcomes - roundThrottles) / seconds;
        if (probing != null) {
            boolean shareFell = share < probing.throttledShare - noise(probing.throttledShare, roundOutcomes);
            boolean goodputHeld = successesPerSecond >= probing.successesPerSecond * GOODPUT_HELD;
            if (!shareFell && !goodputHeld) {
                tolerated = Math.max(tolerated, Math.min(share, probing.throttledShare));
                limit = probing.limit;
            }
            probing = null;
        } else if (share > tolerated + noise(tolerated, roundOutcomes)) {
            probing = new Round(limit, share, successesPerSecond);
            limit = Math.max(1, limit * BACKOFF);
        } else {
            if (share < tolerated) {
                tolerated = (tolerated + share) / 2;
            }
            // Clean rounds grow the limit faster than rounds with tolerated throttles, which are less sure news.
            limit = Math.min(max, limit + Math.max(1, limit / (roundThrottles == 0 ? 4 : 8)));
        }
        roundAfterGrant = latestGrant;
        roundStartNanos = nowNanos;
        roundOutcomes = 0;
        roundThrottles = 0;
    }

    /** Two standard deviations of a share measured over n outcomes, and never below two points. */
    private static double noise(double share, int n) {
        double p = Math.min(0.99, Math.max(0.01, share));
        return Math.max(0.02, 2 * Math.sqrt(p * (1 - p) / n));
    }

    int currentLimit() {
        return (int) limit;
    }

    /** The share of throttled calls currently tolerated as not caused by load, for tests and metrics. */
    double toleratedShare() {
        return tolerated;
    }

    /** Nothing worth keeping: no call in flight, the full limit, no pause, and nothing learned or being counted. */
    boolean idle(long nowNanos) {
        return inFlight == 0 && (int) limit >= max && probing == null && roundThrottles == 0 && tolerated == 0
                && nowNanos - pausedUntilNanos >= 0;
    }
}
