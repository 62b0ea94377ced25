package dev.outcrop.benchmarks.engine;

import dev.outcrop.core.Session;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.QueryProgress;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * One statement of {@link Rows#novaPerRow} run to the end (collected into a QueryResult) and checked row by row:
 * its wall time, the CPU time this JVM and the emulator's used meanwhile, and the engine's progress counters.
 */
record Timed(int rows, long wallNanos, long ownCpuNanos, long emulatorCpuNanos, QueryProgress progress, int wrongRows, double meanInFlight) {

    /** Runs without sampling the calls in flight. */
    static Timed run(Session session, Aws aws, int first, int count, int padding) {
        return run(session, aws, first, count, padding, null);
    }

    /**
     * @param inFlight the process's calls in flight ({@code Outcrop::callsInFlight}), sampled every millisecond
     *                 while the statement runs; null for none
     */
    static Timed run(Session session, Aws aws, int first, int count, int padding, IntSupplier inFlight) {
        String sql = Rows.novaPerRow(first, count, padding);
        AtomicBoolean running = new AtomicBoolean(true);
        long[] samples = new long[2];
        Thread sampler = null;
        if (inFlight != null) {
            sampler = new Thread(() -> {
                while (running.get()) {
                    samples[0] += inFlight.getAsInt();
                    samples[1]++;
                    LockSupport.parkNanos(1_000_000);
                }
            }, "in-flight-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }
        long emulatorCpu = aws.cpuNanos();
        long ownCpu = Aws.ownCpuNanos();
        long start = System.nanoTime();
        RunningQuery<QueryResult> query = session.start(sql, QueryOptions.defaults());
        QueryResult result = EngineStack.await(query, Duration.ofMinutes(60));
        long wall = System.nanoTime() - start;
        running.set(false);
        if (sampler != null) {
            try {
                sampler.join();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ownCpu = Aws.ownCpuNanos() - ownCpu;
        emulatorCpu = emulatorCpu < 0 ? -1 : aws.cpuNanos() - emulatorCpu;
        int wrong = Math.abs(result.rows().size() - count);
        for (int i = 0; i < result.rows().size(); i++) {
            if (!Rows.answersRow(result.value(i, 1), first + i, padding)) {
                wrong++;
            }
        }
        return new Timed(count, wall, ownCpu, emulatorCpu, query.progress(), wrong, samples[1] == 0 ? -1 : samples[0] / (double) samples[1]);
    }

    double seconds() {
        return wallNanos / 1e9;
    }

    /** CPU used per second of wall time, this JVM and the emulator's (when it runs apart), out of the machine's cores. */
    String cpu() {
        String own = String.format("engine JVM %.2f", ownCpuNanos / (double) wallNanos);
        String emulator = emulatorCpuNanos < 0 ? "emulator in the same JVM" : String.format("emulator JVM %.2f", emulatorCpuNanos / (double) wallNanos);
        return "CPU/wall: " + own + ", " + emulator + " (of " + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    String counters() {
        return (meanInFlight < 0 ? "" : String.format("mean calls in flight %.1f, each held its slot %.1f ms on average, ", meanInFlight,
                wallNanos / 1e6 * meanInFlight / Math.max(1, progress.callsMade()))) + "callsMade " + progress.callsMade() + ", retries " + progress.retries() + ", throttles " + progress.throttles()
                + ", failedRows " + progress.failedRows() + ", tokensUsed " + progress.tokensUsed() + ", wrong or missing rows " + wrongRows;
    }
}
