package dev.outcrop.benchmarks.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link TransportComparison} with each contender in a JVM of its own ({@code --isolated}), started afresh for every
 * round, the contenders taking turns so that all see the same machine. In one JVM the contenders share the SDK's code,
 * and the JIT compiles it for all of them at once: a call site that sees the Netty, CRT and Apache clients' types in
 * turn is compiled as a virtual call for each (megamorphic), where an application that uses one client gets it
 * inlined. A user's JVM holds one of these clients, so this is the comparison a user sees; the in-JVM run stays for the
 * same-instant latency comparison.
 *
 * <p>Each child warms up at the concurrency measured for at least {@code warmupSeconds} and until the JIT is done (see
 * {@link #warmUp}), then measures for {@code seconds}:
 * calls per second and client CPU and allocation per call (throughput), or p50 and mean at one call at a time
 * (latency), and prints one {@code RESULT} line. All children call one emulator process, started by the parent.
 */
final class IsolatedContenders {

    /** The contenders, by name: what each runs at one call at a time and at many. */
    private static final List<String> CONTENDERS = List.of("ours-direct-async", "ours-crt-async", "ours-blocking",
            "bareAsyncSdk-async", "bareSyncSdk-blocking", "langChain4j-blocking", "springAi-blocking");

    /** Ours on the default transport, asynchronous: the row every ratio is to. */
    private static final String BASELINE = "ours-" + dev.outcrop.bedrock.client.config.BedrockClientConfig.defaults().transport().name()
            .toLowerCase(java.util.Locale.ROOT) + "-async";

    /** The longest warm-up: a contender still getting faster by then is measured anyway, and says so. */
    private static final int MAX_WARMUP_SECONDS = 180;

    /** Warm means this many one-second rounds in a row without a new best rate (by at least {@link #GAIN}). */
    private static final int PLATEAU_ROUNDS = 8;
    private static final double GAIN = 1.02;

    private IsolatedContenders() {
    }

    /** The parent: runs every contender in turn, {@code rounds} times, at each number of calls in flight asked (1, 32 and 128 by default), and prints ratios. */
    static void compare(int rounds, int warmupSeconds, int seconds, int[] levels) throws InterruptedException {
        try (EmulatorProcess emulator = EmulatorProcess.start()) {
            System.out.printf("-- isolated: each contender in its own JVM per round (%d rounds, %d s warm-up, %d s measured); load average %.2f;"
                    + " %d cores; ratios to %s%n", rounds, warmupSeconds, seconds, loadAverage(), Runtime.getRuntime().availableProcessors(),
                    BASELINE);
            for (int inFlight : levels) {
                Map<String, double[]> totals = new LinkedHashMap<>();
                for (int round = 0; round < rounds; round++) {
                    for (String contender : CONTENDERS) {
                        if (inFlight == 1 && contender.contains("chained")) {
                            continue;                       // one chain is one call at a time: the same as the async row
                        }
                        double[] result = child(emulator, contender, inFlight, warmupSeconds, seconds);
                        double[] sum = totals.computeIfAbsent(contender, k -> new double[result.length]);
                        for (int i = 0; i < result.length; i++) {
                            sum[i] += result[i];
                        }
                    }
                }
                print(inFlight, rounds, totals);
            }
        }
    }

    private static void print(int inFlight, int rounds, Map<String, double[]> totals) {
        double[] base = totals.get(BASELINE);
        double[] bare = totals.get("bareAsyncSdk-async");
        System.out.printf("== %d in flight (load average %.2f)%n", inFlight, loadAverage());
        for (Map.Entry<String, double[]> entry : totals.entrySet()) {
            double[] t = entry.getValue();
            if (inFlight == 1) {
                System.out.printf("%-26s p50 %8.1f us  mean %8.1f us  ratio to ours: p50 %.3f, mean %.3f%n", entry.getKey(),
                        t[0] / rounds, t[1] / rounds, t[0] / base[0], t[1] / base[1]);
            }
            else {
                System.out.printf("%-26s %7.0f calls/s  cpu %6.1f us/call  alloc %7.0f B/call  ratio to ours: throughput %.3f, cpu %.3f,"
                                + " alloc %.3f; alloc to bare async %.3f%n", entry.getKey(), t[0] / rounds, t[1] / rounds, t[2] / rounds,
                        t[0] / base[0], t[1] / base[1], t[2] / base[2], t[2] / bare[2]);
            }
        }
    }

    /** Runs one contender in a new JVM against the emulator and reads its {@code RESULT} line. */
    private static double[] child(EmulatorProcess emulator, String contender, int inFlight, int warmupSeconds, int seconds)
            throws InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process process = new ProcessBuilder(java, "-Doutcrop.emulator=" + emulator.endpoint(), "-cp", System.getProperty("java.class.path"),
                    TransportComparison.class.getName(), "--child", contender, String.valueOf(inFlight), String.valueOf(warmupSeconds),
                    String.valueOf(seconds))
                    .redirectErrorStream(true)
                    .start();
            double[] result = null;
            List<String> output = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("RESULT ")) {
                        result = Arrays.stream(line.substring(7).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
                    }
                    else if (line.startsWith("warmed up")) {
                        System.out.printf("   %s, %d in flight: %s%n", contender, inFlight, line);
                    }
                    else if (output.size() < 40) {
                        output.add(line);
                    }
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
                process.destroyForcibly();
                throw new IllegalStateException(contender + " at " + inFlight + " in flight gave no result; its output:\n" + String.join("\n", output));
            }
            return result;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start the JVM for " + contender, e);
        }
    }

    /** The child: one contender, warmed up and measured in this JVM; prints {@code RESULT ...}. */
    static void runChild(String contender, int inFlight, int warmupSeconds, int seconds) throws InterruptedException {
        ChatModelBenchmark models = new ChatModelBenchmark();
        models.start();
        ExecutorService blocking = Executors.newFixedThreadPool(inFlight);
        try {
            if (inFlight == 1) {
                Supplier<String> call = single(models, contender);
                warmUp(() -> {
                    long calls = 0;
                    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1); System.nanoTime() < end; calls++) {
                        call.get();
                    }
                    return calls;
                }, warmupSeconds);
                List<Long> samples = new ArrayList<>();
                for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds); System.nanoTime() < end; ) {
                    long start = System.nanoTime();
                    call.get();
                    samples.add(System.nanoTime() - start);
                }
                long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
                double mean = Arrays.stream(sorted).average().orElse(0);
                System.out.printf("RESULT %.1f %.1f%n", sorted[sorted.length / 2] / 1e3, mean / 1e3);
                return;
            }
            Supplier<Long> round = many(models, contender, blocking, inFlight);
            warmUp(round::get, warmupSeconds);
            long cpu = processCpuNanos();
            long allocated = allocatedBytes();
            long calls = round(round, seconds);
            long cpuNanos = processCpuNanos() - cpu;
            long bytes = allocatedBytes() - allocated;
            System.out.printf("RESULT %.1f %.1f %.1f%n", calls / (double) seconds, cpuNanos / 1e3 / calls, bytes / (double) calls);
        }
        finally {
            blocking.shutdownNow();
            models.stop();
        }
    }

    /**
     * Runs one-second rounds for at least {@code minSeconds}, then until the contender stops getting faster: until
     * {@link #PLATEAU_ROUNDS} rounds in a row have not beaten the best rate so far by 2%, in a round in which the compiler
     * threads worked less than 2% of it; or {@link #MAX_WARMUP_SECONDS}. The JIT's own clock is not enough on two cores:
     * with 32 threads in the SDK's synchronous client, the JIT went quiet (under 2% of a round) after about 20 s while the
     * hot path still ran C1's profiling code, at 3 to 4 times the CPU per call it had after 70 s (measured 20:51 on
     * 2026-11-28: 2,638 calls/s at 693 us per call after 20 s, 7,193 at 209 us after 70 s, same load).
     */
    private static void warmUp(LongSupplier oneSecond, int minSeconds) {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        double best = 0;
        int sinceBest = 0;
        for (int second = 0; ; second++) {
            long compiling = jit.getTotalCompilationTime();
            long roundStart = System.nanoTime();
            long work = oneSecond.getAsLong();
            double roundMillis = (System.nanoTime() - roundStart) / 1e6;
            double share = (jit.getTotalCompilationTime() - compiling) / roundMillis;
            double rate = work / roundMillis;
            if (rate > best * GAIN) {
                best = rate;
                sinceBest = 0;
            }
            else {
                sinceBest++;
            }
            long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            boolean plateau = sinceBest >= PLATEAU_ROUNDS && share < 0.02;
            if (second + 1 >= minSeconds && (plateau || elapsed >= MAX_WARMUP_SECONDS)) {
                System.out.printf("warmed up in %d s (%s; JIT %.1f%% of the last round)%n", elapsed,
                        plateau ? "no faster for " + sinceBest + " rounds" : "STILL GETTING FASTER at the limit", 100 * share);
                return;
            }
        }
    }

    /** Rounds of one second, so that a round's end (all calls drained) costs the same share in warm-up and measurement. */
    private static long round(Supplier<Long> oneSecond, int seconds) {
        long calls = 0;
        for (int i = 0; i < seconds; i++) {
            calls += oneSecond.get();
        }
        return calls;
    }

    private static Supplier<String> single(ChatModelBenchmark models, String contender) {
        return switch (contender) {
            case "ours-crt-async" -> models::outcropCrt;
            case "ours-direct-async" -> models::outcropDirect;
            case "ours-netty-async" -> models::outcropNetty;
            case "ours-blocking" -> models::outcropBlocking;
            case "bareAsyncSdk-async" -> models::bareAsyncSdk;
            case "bareSyncSdk-blocking" -> models::bareSyncSdk;
            case "langChain4j-blocking" -> models::langChain4j;
            case "springAi-blocking" -> models::springAi;
            default -> throw new IllegalArgumentException("unknown contender " + contender);
        };
    }

    private static Supplier<Long> many(ChatModelBenchmark models, String contender, ExecutorService blocking, int inFlight) {
        return switch (contender) {
            case "ours-crt-async" -> () -> ChatThroughput.asyncRound(() -> models.outcropCrtRuntime().converse(models.request()).toCompletableFuture(), inFlight, 1);
            case "ours-direct-async" -> () -> ChatThroughput.asyncRound(() -> models.outcropDirectRuntime().converse(models.request()).toCompletableFuture(), inFlight, 1);
            case "ours-netty-async" -> () -> ChatThroughput.asyncRound(() -> models.outcropNettyRuntime().converse(models.request()).toCompletableFuture(), inFlight, 1);
            case "ours-blocking" -> () -> ChatThroughput.blockingRound(models::outcropBlocking, blocking, inFlight, 1);
            case "bareAsyncSdk-async" -> () -> ChatThroughput.asyncRound(models::bareAsyncSdkCall, inFlight, 1);
            case "bareSyncSdk-blocking" -> () -> ChatThroughput.blockingRound(models::bareSyncSdk, blocking, inFlight, 1);
            case "langChain4j-blocking" -> () -> ChatThroughput.blockingRound(models::langChain4j, blocking, inFlight, 1);
            case "springAi-blocking" -> () -> ChatThroughput.blockingRound(models::springAi, blocking, inFlight, 1);
            default -> throw new IllegalArgumentException("unknown contender " + contender);
        };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Bytes allocated by this JVM's live threads so far (the pools here live for the whole child). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
