package dev.outcrop.benchmarks.engine;

import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.Session;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wall time of one statement of many rows against the bound the concurrency limit sets: with every call taking
 * {@code latency} at "AWS" and {@code concurrency} calls in flight, {@code rows} rows cannot take less than
 * rows x latency / concurrency. Beside it, one-at-a-time evaluation ({@code SET ai_max_concurrency = 1}) on a
 * sample, extrapolated to all rows. Times are reported as ratios to that bound, which this run computes from
 * its own settings; the machine is shared and noisy, so the parallel run is repeated.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.engine.EngineThroughput
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.engine.EngineThroughput --emulator both --repeat 3
 * </pre>
 *
 * Options (defaults): --rows 10000 --latency-ms 100 --concurrency 256 --sample 100 --repeat 3
 * --emulator out (out: the emulator in its own JVM; in: in this one; both: one after the other).
 */
public final class EngineThroughput {

    private EngineThroughput() {
    }

    public static void main(String[] args) {
        Map<String, String> defaults = new TreeMap<>(Map.of("rows", "10000", "latency-ms", "100", "concurrency", "256", "sample", "100",
                "repeat", "3", "emulator", "out"));
        Args options = new Args(args, defaults);
        String where = options.text("emulator");
        List<String> results = new ArrayList<>();
        if (where.equals("out") || where.equals("both")) {
            results.add(measure(options, true));
        }
        if (where.equals("in") || where.equals("both")) {
            results.add(measure(options, false));
        }
        System.out.println();
        System.out.println("==== EngineThroughput summary ====");
        results.forEach(System.out::println);
        System.exit(0);
    }

    private static String measure(Args options, boolean outOfProcess) {
        int rows = options.integer("rows");
        Duration latency = Duration.ofMillis(options.integer("latency-ms"));
        int concurrency = options.integer("concurrency");
        int sample = options.integer("sample");
        int repeat = options.integer("repeat");
        double ideal = rows * (latency.toNanos() / 1e9) / concurrency;
        double waves = Math.ceil(rows / (double) concurrency) * (latency.toNanos() / 1e9);
        StringBuilder out = new StringBuilder();
        try (Aws aws = Aws.start(outOfProcess, 1_000, 1);
             EngineStack stack = new EngineStack(aws.endpoint(), ExecutionLimits.builder().maxCallsInFlight(concurrency).build(), concurrency, 1)) {
            String setup = aws.describe() + "; transport " + EngineStack.transport() + "; engine maxCallsInFlight " + concurrency + " (effective " + stack.outcrop.maxCallsInFlight()
                    + "), client maxConcurrency " + concurrency + ", " + rows + " rows, latency " + latency.toMillis() + " ms";
            System.out.println("-- " + setup);
            Session session = stack.session();
            int[] next = {1};

            // Warm-up: the JIT at zero latency, engine and client alone.
            aws.faults(Duration.ZERO, 0, 0);
            for (int i = 0; i < 3; i++) {
                Timed warm = Timed.run(session, aws, next[0], 2_000, 0);
                next[0] += 2_000;
                ClientAlone.run(stack.runtime, next[0], 2_000, concurrency);
                next[0] += 2_000;
                System.out.printf("warm-up %d: 2,000 rows at zero latency, %s%n", i + 1, warm.counters());
            }

            // Zero latency: the CPU floor, the engine's against the client's alone (same calls, same pool).
            List<Double> zeroRatios = new ArrayList<>();
            Timed zero = null;
            for (int i = 0; i < repeat; i++) {
                long client = ClientAlone.run(stack.runtime, next[0], rows, concurrency);
                next[0] += rows;
                zero = Timed.run(session, aws, next[0], rows, 0);
                next[0] += rows;
                zeroRatios.add(zero.wallNanos() / (double) client);
                System.out.printf("zero latency %d: engine %.3f of the bound, %.3f x the client alone (client alone %.3f of the bound); %s; load average %.1f%n",
                        i + 1, zero.seconds() / ideal, zero.wallNanos() / (double) client, client / 1e9 / ideal, zero.cpu(), load());
            }

            aws.faults(latency, 0, 0);
            Timed.run(session, aws, next[0], Math.min(rows, 2 * concurrency), 0);
            next[0] += Math.min(rows, 2 * concurrency);

            List<Timed> runs = new ArrayList<>();
            List<Double> clientRatios = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                long client = ClientAlone.run(stack.runtime, next[0], rows, concurrency);
                next[0] += rows;
                clientRatios.add(client / 1e9 / ideal);
                Timed run = Timed.run(session, aws, next[0], rows, 0, stack.outcrop::callsInFlight);
                next[0] += rows;
                runs.add(run);
                System.out.printf("latency %d ms, run %d: engine %.3f of the bound, client alone %.3f of the bound; %s; %s; load average %.1f%n",
                        latency.toMillis(), i + 1, run.seconds() / ideal, client / 1e9 / ideal, run.cpu(), run.counters(), load());
            }

            Session oneAtATime = stack.session();
            EngineStack.run(oneAtATime, "SET ai_max_concurrency = 1");
            Timed sequential = Timed.run(oneAtATime, aws, next[0], sample, 0);
            double extrapolated = sequential.seconds() * rows / sample;
            System.out.printf("one at a time, %d rows: %.3f of %d x latency; %s%n", sample, sequential.seconds() / (sample * latency.toNanos() / 1e9),
                    sample, sequential.counters());

            List<Timed> sorted = new ArrayList<>(runs);
            sorted.sort(Comparator.comparingLong(Timed::wallNanos));
            Timed median = sorted.get(sorted.size() / 2);
            boolean correct = runs.stream().allMatch(run -> run.wrongRows() == 0) && sequential.wrongRows() == 0 && zero.wrongRows() == 0;
            out.append(setup).append('\n');
            out.append(String.format("  bound = %d x %.3f s / %d = %.3f s (ceil(rows/concurrency) waves: %.3f of the bound)%n", rows,
                    latency.toNanos() / 1e9, concurrency, ideal, waves / ideal));
            out.append(String.format("  parallel (%d runs): median %.3f, best %.3f, worst %.3f of the bound -> %s (acceptance: <= 1.10)%n", runs.size(),
                    median.seconds() / ideal, sorted.get(0).seconds() / ideal, sorted.get(sorted.size() - 1).seconds() / ideal,
                    median.seconds() / ideal <= 1.10 ? "PASS" : "FAIL"));
            out.append(String.format("  the client alone, same calls and pool, %d in flight: median %.3f of the bound%n", concurrency, median(clientRatios)));
            out.append(String.format("  one at a time (SET ai_max_concurrency = 1), %d rows extrapolated to %d: %.1f of the bound,"
                            + " %.1f x the parallel median; per row %.3f x latency%n", sample, rows, extrapolated / ideal, extrapolated / median.seconds(),
                    sequential.seconds() / sample / (latency.toNanos() / 1e9)));
            out.append(String.format("  zero latency, same rows: the engine takes %.2f x the client alone (median of %d); %s%n", median(zeroRatios),
                    zeroRatios.size(), zero.cpu()));
            out.append("  every row answered correctly: ").append(correct ? "yes" : "NO").append("; median run: ").append(median.counters());
        }
        return out.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
