package dev.outcrop.core.internal.run;


import dev.outcrop.core.query.QueryProgress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a progress listener at most once per interval; a listener that throws is logged and otherwise ignored. */
public final class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final Consumer<QueryProgress> listener;
    private final long intervalNanos;
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime());

    ProgressReporter(Consumer<QueryProgress> listener, long intervalNanos) {
        this.listener = listener;
        this.intervalNanos = intervalNanos;
    }

    void maybeReport(StatementRun run) {
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= intervalNanos && lastReport.compareAndSet(last, now)) {
            report(run);
        }
    }

    void report(StatementRun run) {
        try {
            listener.accept(run.progress());
        }
        catch (RuntimeException e) {
            log.warn("A progress listener of query {} failed; progress reports go on", run.queryId(), e);
        }
    }
}
