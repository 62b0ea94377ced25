package dev.outcrop.benchmarks.engine;

import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One statement of 10,000 rows against an "AWS" that throttles 30% of calls at random and every call beyond a
 * requests-per-second limit, with the engine retrying (maxRetries 40, so that no row fails by chance: 0.3^41 per
 * row) and the SDK not (maxAttempts 1). Checks every row's answer and that the emulator answered exactly one
 * successful InvokeModel per row, and reports the time as a ratio to a no-fault run of the same rows in the same
 * process, and to the floor the emulator's limits set: rows / (requestsPerSecond x (1 - throttleRate)).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.engine.EngineThrottling
 * </pre>
 *
 * Options (defaults): --rows 10000 --throttle-rate 0.3 --max-rps 2000 --latency-ms 100 --concurrency 256
 * --max-retries 40 --repeat 1 --emulator out. After the throttled run the same rows run once more without faults on the
 * same Outcrop, to show how long the adaptive limit the throttles lowered takes to recover.
 */
public final class EngineThrottling {

    private EngineThrottling() {
    }

    public static void main(String[] args) {
        Args options = new Args(args, new TreeMap<>(Map.of("rows", "10000", "throttle-rate", "0.3", "max-rps", "2000", "latency-ms", "100",
                "concurrency", "256", "max-retries", "40", "repeat", "1", "emulator", "out")));
        int rows = options.integer("rows");
        double throttleRate = options.decimal("throttle-rate");
        int maxRps = options.integer("max-rps");
        Duration latency = Duration.ofMillis(options.integer("latency-ms"));
        int concurrency = options.integer("concurrency");
        int repeat = options.integer("repeat");
        ExecutionLimits limits = ExecutionLimits.builder().maxCallsInFlight(concurrency).maxRetries(options.integer("max-retries")).build();
        boolean allCorrect = true;
        List<String> lines = new ArrayList<>();
        NettyWarnings.install();
        // The call log must hold every call of a throttled run, so that successes can be counted exactly.
        try (Aws aws = Aws.start(!options.text("emulator").equals("in"), 1_000_000, 1)) {
            String setup = String.format("%s; %d rows, latency %d ms; faulted: throttleRate %.2f + maxRequestsPerSecond %d; engine maxCallsInFlight %d,"
                            + " maxRetries %d; client maxConcurrency %d, maxAttempts 1", aws.describe(), rows, latency.toMillis(), throttleRate, maxRps,
                    concurrency, limits.maxRetries(), concurrency);
            System.out.println("-- " + setup);
            try (EngineStack warmUp = new EngineStack(aws.endpoint(), limits, concurrency, 1)) {
                aws.faults(latency, 0, 0);
                for (int i = 0; i < 2; i++) {
                    Timed warm = Timed.run(warmUp.session(), aws, 1_000_001 + i * 2_000, 2_000, 0);
                    System.out.printf("warm-up %d: 2,000 rows without faults, %s%n", i + 1, warm.counters());
                }
            }
            double floor = rows / (maxRps * (1 - throttleRate));
            for (int i = 0; i < repeat; i++) {
                // A fresh Outcrop per repeat: the adaptive limit of a (location, model) outlives a statement, by design.
                try (EngineStack stack = new EngineStack(aws.endpoint(), limits, concurrency, 1)) {
                    Session session = stack.session();
                    aws.faults(latency, 0, 0);
                    // This Outcrop's first statement opens its connections: not part of what is compared.
                    Timed.run(session, aws, 2_000_001, 2 * concurrency, 0);
                    long connections = aws.connectionsOpened();
                    Timed clean = Timed.run(session, aws, 1, rows, 0, stack.outcrop::callsInFlight);
                    long cleanConnections = aws.connectionsOpened() - connections;
                    System.out.printf("no faults %d: %s; %s%n", i + 1, clean.counters(), clean.cpu());

                    aws.faults(latency, throttleRate, maxRps);
                    aws.clearCalls();
                    long warningsBefore = NettyWarnings.count();
                    connections = aws.connectionsOpened();
                    Timed throttled = Timed.run(session, aws, 1, rows, 0, stack.outcrop::callsInFlight);
                    long throttledConnections = aws.connectionsOpened() - connections;
                    Aws.Calls calls = aws.invokeModelCalls();
                    long warnings = NettyWarnings.count() - warningsBefore;
                    boolean exact = calls.complete() && calls.succeeded() == rows && throttled.wrongRows() == 0 && throttled.progress().failedRows() == 0;
                    allCorrect &= exact;

                    // The same statement again without faults, on the same Outcrop: how long the throttled run's limit lingers.
                    aws.faults(latency, 0, 0);
                    Timed after = Timed.run(session, aws, 1, rows, 0, stack.outcrop::callsInFlight);

                    String bound = latency.isZero() ? "zero latency: no bound from it"
                            : String.format("the no-fault run took %.3f of the bound rows x latency / concurrency", clean.seconds() / (rows * latency.toNanos() / 1e9 / concurrency));
                    String line = String.format("run %d: throttled / no-fault = %.2f (%s);"
                                    + " throttled / the emulator's floor %d / (%d x %.2f) = %.2f (the floor is %.2f of the no-fault run)%n"
                                    + "    engine: %s%n    emulator: %s%n    successes == rows and every row correct: %s; engine throttles == emulator's: %s;"
                                    + " calls the engine sent that the emulator never answered: %d; Netty pipeline warnings: %d;"
                                    + " connections opened: %d (the no-fault run: %d)%n"
                                    + "    no faults again right after, same Outcrop: %.2f of the first no-fault run; %s",
                            i + 1, throttled.wallNanos() / (double) clean.wallNanos(), bound,
                            rows, maxRps, 1 - throttleRate, throttled.seconds() / floor, floor / clean.seconds(), throttled.counters(), calls,
                            exact ? "yes" : "NO", calls.throttled() == throttled.progress().throttles() ? "yes" : "NO",
                            throttled.progress().callsMade() - calls.total(), warnings, throttledConnections, cleanConnections, after.wallNanos() / (double) clean.wallNanos(), after.counters());
                    System.out.println(line);
                    lines.add(line);
                }
            }
            System.out.println();
            System.out.println("==== EngineThrottling summary ====");
            System.out.println(setup);
            lines.forEach(System.out::println);
            System.out.println("all rows correct and exactly one successful InvokeModel per row in every run: " + (allCorrect ? "yes" : "NO"));
        }
        System.exit(allCorrect ? 0 : 1);
    }
}
