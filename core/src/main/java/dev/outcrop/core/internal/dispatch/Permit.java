package dev.outcrop.core.internal.dispatch;

import dev.outcrop.core.internal.run.StatementRun;

import java.util.concurrent.atomic.AtomicBoolean;

/** A slot for one call; release it exactly once, saying how the call went. Extra releases are ignored. */
public final class Permit {

    private final CallScheduler scheduler;
    private final StatementRun run;
    private final CallKey key;
    private final long grantNumber;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(CallScheduler scheduler, StatementRun run, CallKey key, long grantNumber) {
        this.scheduler = scheduler;
        this.run = run;
        this.key = key;
        this.grantNumber = grantNumber;
    }

    StatementRun run() {
        return run;
    }

    CallKey key() {
        return key;
    }

    long grantNumber() {
        return grantNumber;
    }

    /**
     * @param pauseNanos with THROTTLED, how long the service asked everyone to wait (Retry-After), or 0
     */
    public void release(CallOutcome outcome, long pauseNanos) {
        if (released.compareAndSet(false, true)) {
            scheduler.release(this, outcome, pauseNanos);
        }
    }
}
