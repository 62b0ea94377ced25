package dev.outcrop.core.internal.dispatch;


/**
 * The concurrency allowed for one (location, model), adapted to throttling: halved on a throttle
 * (at most once per round of calls, so one burst of throttles counts once), raised by one per round of
 * successful calls, and paused while the service's Retry-After runs. Guarded by the scheduler's lock.
 */
public final class AdaptiveLimit {

    private final int max;
    private double limit;
    private int inFlight;
    private long pausedUntilNanos;
    /** The grant number at the last decrease: throttles of calls granted before it belong to the same round. */
    private long decreasedAtGrant = -1;

    AdaptiveLimit(int max) {
        this.max = max;
        this.limit = max;
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

    void succeeded() {
        inFlight--;
        limit = Math.min(max, limit + 1.0 / limit);
    }

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
        if (grantNumber > decreasedAtGrant) {
            limit = Math.max(1, limit / 2);
            decreasedAtGrant = latestGrant;
        }
        if (pauseNanos > 0 && nowNanos + pauseNanos - pausedUntilNanos > 0) {
            pausedUntilNanos = nowNanos + pauseNanos;
        }
    }

    int currentLimit() {
        return (int) limit;
    }

    boolean idle() {
        return inFlight == 0 && (int) limit >= max;
    }
}
