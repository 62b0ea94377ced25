package dev.outcrop.core.internal.run;


import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.query.QueryProgress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One running request (a script of statements) as the engine tracks it: who runs it, its limits, its
 * counters, and whether it has been stopped. Stopping it runs every registered stop hook once and
 * cancels every call it still has in flight; anything that starts work checks {@link #checkRunning()}
 * first, so nothing new starts after a stop.
 */
public final class StatementRun {

    private final String queryId;
    private final String accountName;
    private final String userName;
    private final String queryLabel;
    private final String queryText;
    private final Instant submitted;
    private final RunLimits limits;
    private final long deadlineNanos;

    private final AtomicReference<RuntimeException> stopCause = new AtomicReference<>();
    private final AtomicReference<RuntimeException> drainCause = new AtomicReference<>();
    private final List<Runnable> stopHooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> noMoreCallsHooks = new CopyOnWriteArrayList<>();
    private final Set<String> watchers = ConcurrentHashMap.newKeySet();
    private final Set<Future<?>> callsInFlight = ConcurrentHashMap.newKeySet();

    private final AtomicLong rowsDone = new AtomicLong();
    private final AtomicLong rowsTotal = new AtomicLong(-1);
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong callsMade = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong failedRows = new AtomicLong();
    private final AtomicLong rowsWithCalls = new AtomicLong();
    private final AtomicLong tokensUsed = new AtomicLong();
    private final ProgressReporter progress;

    public StatementRun(String queryId, String accountName, String userName, String queryLabel, String queryText, Instant submitted,
                        RunLimits limits, long startNanos, Consumer<QueryProgress> listener, long progressIntervalNanos) {
        this.queryId = queryId;
        this.accountName = accountName;
        this.userName = userName;
        this.queryLabel = queryLabel;
        this.queryText = queryText;
        this.submitted = submitted;
        this.limits = limits;
        this.deadlineNanos = limits.statementTimeoutNanos() > 0 ? startNanos + limits.statementTimeoutNanos() : Long.MAX_VALUE;
        this.progress = listener == null ? null : new ProgressReporter(listener, progressIntervalNanos);
    }

    public String queryId() {
        return queryId;
    }

    public String accountName() {
        return accountName;
    }

    public String userName() {
        return userName;
    }

    public String queryLabel() {
        return queryLabel;
    }

    public String queryText() {
        return queryText;
    }

    public Instant submitted() {
        return submitted;
    }

    public RunLimits limits() {
        return limits;
    }

    /** System.nanoTime() by which the run must end, or Long.MAX_VALUE. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Stops the run with the given cause, once: later causes are ignored.
     *
     * @return true when this call stopped it
     */
    public boolean stop(RuntimeException cause) {
        if (!stopCause.compareAndSet(null, cause)) {
            return false;
        }
        if (drainCause.compareAndSet(null, cause)) {
            noMoreCallsHooks.forEach(Runnable::run);
        }
        for (Runnable hook : stopHooks) {
            hook.run();
        }
        for (Future<?> call : callsInFlight) {
            call.cancel(true);
        }
        return true;
    }

    /**
     * A row failed with an error the statement cannot hide: no further call starts (calls waiting for a
     * slot are refused), but the calls in flight may finish, so that the rows before the failed one can
     * still be handed out in order. The statement then stops with the row's error.
     *
     * @return true when this call began the draining
     */
    public boolean drain(RuntimeException cause) {
        if (!drainCause.compareAndSet(null, cause)) {
            return false;
        }
        noMoreCallsHooks.forEach(Runnable::run);
        return true;
    }

    /** Whether new calls may still start: neither stopped nor draining. */
    public boolean isAdmitting() {
        return drainCause.get() == null;
    }

    /** Throws why no new call may start: the stop cause, or the error that began the draining. */
    public void checkAdmitting() {
        checkRunning();
        RuntimeException cause = drainCause.get();
        if (cause != null) {
            throw cause;
        }
    }

    /** Why no new call may start (the stop cause, or the draining error), or null. */
    public RuntimeException refusal() {
        RuntimeException stopped = stopCause.get();
        return stopped != null ? stopped : drainCause.get();
    }

    /** Runs the hook once no new call may start: at a stop or when draining begins (at once, if that happened already). */
    public void onNoMoreCalls(Runnable hook) {
        noMoreCallsHooks.add(hook);
        if (!isAdmitting() && noMoreCallsHooks.remove(hook)) {
            hook.run();
        }
    }

    /** True the first time a component asks under this name: lets it register its hooks once per run. */
    public boolean firstWatch(String component) {
        return watchers.add(component);
    }

    /** Cancels the run as a user asked: by query id, or by cancelling its result or stream. */
    public boolean cancel(String how) {
        return stop(new OutcropException(OutcropErrorCode.QUERY_CANCELLED, "query " + queryId + " was cancelled " + how
                + "; no further model call was made, and the calls in flight were aborted"));
    }

    public boolean isStopped() {
        return stopCause.get() != null;
    }

    /** Why the run was stopped, or null. */
    public RuntimeException stopCause() {
        return stopCause.get();
    }

    /** Throws the stop cause if the run has been stopped. */
    public void checkRunning() {
        RuntimeException cause = stopCause.get();
        if (cause != null) {
            throw cause;
        }
    }

    /** Runs the hook when the run is stopped (at once, if it already is). */
    public void onStop(Runnable hook) {
        stopHooks.add(hook);
        if (isStopped() && stopHooks.remove(hook)) {
            hook.run();
        }
    }

    /** Tracks a call in flight, so that stopping the run cancels it; returns false (and cancels it) if the run is already stopped. */
    public boolean track(Future<?> call) {
        callsInFlight.add(call);
        if (isStopped()) {
            callsInFlight.remove(call);
            call.cancel(true);
            return false;
        }
        return true;
    }

    public void untrack(Future<?> call) {
        callsInFlight.remove(call);
    }

    // Counters.

    public void callSent() {
        callsMade.incrementAndGet();
    }

    public void retried() {
        retries.incrementAndGet();
    }

    public void throttled() {
        throttles.incrementAndGet();
    }

    public void charged(long tokens) {
        tokensUsed.addAndGet(tokens);
    }

    public void waitingChanged(int delta) {
        waiting.addAndGet(delta);
    }

    /** A row's AI call ended; with {@code failed}, it became NULL under null_on_error. Enforces the error budget. */
    public void rowCallEnded(boolean failed) {
        long calls = rowsWithCalls.incrementAndGet();
        if (!failed) {
            return;
        }
        long failures = failedRows.incrementAndGet();
        long maxRows = limits.maxFailedRows();
        if (maxRows >= 0 && failures > maxRows) {
            stop(new OutcropException(OutcropErrorCode.ERROR_BUDGET_EXCEEDED, failures + " rows failed, more than ai_max_failed_rows = " + maxRows
                    + " allows, so the statement was stopped and no further call was made; raise it with SET ai_max_failed_rows = <n>,"
                    + " or fix what the failed rows' calls report"));
            return;
        }
        double maxPercent = limits.maxFailedPercent();
        // A percentage means little over a handful of rows: it is judged once 100 rows have called.
        if (maxPercent >= 0 && calls >= 100 && failures * 100.0 / calls > maxPercent) {
            stop(new OutcropException(OutcropErrorCode.ERROR_BUDGET_EXCEEDED, failures + " of " + calls + " rows failed, more than ai_max_failed_percent = "
                    + maxPercent + " allows, so the statement was stopped and no further call was made; raise it with SET ai_max_failed_percent = <p>"));
        }
    }

    public void rowsTotal(long total) {
        rowsTotal.set(total);
    }

    public void rowDone() {
        rowsDone.incrementAndGet();
        if (progress != null) {
            progress.maybeReport(this);
        }
    }

    /** Reports the final progress to the listener, if there is one. */
    public void finished() {
        if (progress != null) {
            progress.report(this);
        }
    }

    public QueryProgress progress() {
        return new QueryProgress(rowsDone.get(), rowsTotal.get(), callsInFlight.size(), Math.max(0, waiting.get()), callsMade.get(), retries.get(),
                throttles.get(), failedRows.get(), tokensUsed.get());
    }

    @Override
    public String toString() {
        return "StatementRun[" + queryId + ", account=" + accountName + ", user=" + userName + "]";
    }
}
