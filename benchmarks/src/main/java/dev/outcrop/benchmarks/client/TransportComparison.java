package dev.outcrop.benchmarks.client;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One command for the transport question (issue 14): the same Converse call (Nova Micro, one short message) through
 * ours on each transport (asynchronous {@code converse}: Netty and CRT, the default marked), ours blocking
 * ({@code converseBlocking}: the SDK's sync client on Apache HttpClient 5, on the caller's thread), a bare async SDK
 * client (Netty), a bare sync SDK client (Apache, what both frameworks use), LangChain4j's BedrockChatModel and Spring
 * AI's BedrockProxyChatModel, against the emulator in its own JVM, so that this JVM's CPU and allocation are the
 * clients' alone. Each row's name says which API it uses: {@code async} rows keep their calls in flight from one
 * thread, woken by each completion to start the next call; {@code async-chained} rows start the next call in the
 * completion of the one before (on the I/O thread that completed it; no thread waits); {@code blocking} rows use one
 * thread per call in flight, which is how blocking clients are used.
 *
 * <ul>
 *   <li>At 1 in flight: one call of each in turn, over and over ({@link AlternatingLatency#run}); p50 and mean.</li>
 *   <li>At 32 and 128 in flight: short rounds of each in turn; calls per second, client CPU per call (this process's
 *       CPU time over the calls) and bytes allocated per call (summed over this process's live threads).</li>
 * </ul>
 * Every figure is printed as a ratio to ours asynchronous on the default transport, allocation also to the bare async
 * SDK client, with the machine's load average.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.client.TransportComparison [latencySeconds] [rounds] [secondsPerRound]
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.client.TransportComparison --isolated [rounds] [minWarmupSeconds] [seconds] [inFlight,...]
 * </pre>
 * With {@code --isolated}, every contender runs in a JVM of its own, as in an application ({@link IsolatedContenders}).
 */
public final class TransportComparison {

    private static final BedrockClientConfig.Transport DEFAULT = BedrockClientConfig.defaults().transport();
    private static final String NETTY = "ours-netty-async" + (DEFAULT == BedrockClientConfig.Transport.NETTY ? "*" : "");
    private static final String CRT = "ours-crt-async" + (DEFAULT == BedrockClientConfig.Transport.CRT ? "*" : "");
    private static final String DIRECT = "ours-direct-async" + (DEFAULT == BedrockClientConfig.Transport.DIRECT ? "*" : "");
    private static final String BLOCKING = "ours-blocking";
    private static final String BASELINE = switch (DEFAULT) {
        case CRT -> CRT;
        case NETTY -> NETTY;
        case DIRECT -> DIRECT;
    };
    private static final String BARE_ASYNC = "bareAsyncSdk-async";

    private TransportComparison() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("--child")) {
            IsolatedContenders.runChild(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        if (args.length > 0 && args[0].equals("--isolated")) {
            IsolatedContenders.compare(args.length > 1 ? Integer.parseInt(args[1]) : 2, args.length > 2 ? Integer.parseInt(args[2]) : 15,
                    args.length > 3 ? Integer.parseInt(args[3]) : 5,
                    args.length > 4 ? java.util.Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 32, 128});
            return;
        }
        int latencySeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        ChatModelBenchmark models = new ChatModelBenchmark();
        models.start();
        try {
            System.out.printf("-- load average before: %.2f; %d cores; ours' default transport %s (marked *); ratios to %s%n",
                    loadAverage(), Runtime.getRuntime().availableProcessors(), DEFAULT, BASELINE);
            Map<String, Supplier<String>> single = new LinkedHashMap<>();
            single.put(NETTY, models::outcropNetty);
            single.put(CRT, models::outcropCrt);
            single.put(DIRECT, models::outcropDirect);
            single.put(BLOCKING, models::outcropBlocking);
            single.put(BARE_ASYNC, models::bareAsyncSdk);
            single.put("bareSyncSdk-blocking", models::bareSyncSdk);
            single.put("langChain4j-blocking", models::langChain4j);
            single.put("springAi-blocking", models::springAi);
            System.out.println("== 1 in flight");
            AlternatingLatency.report(single, latencySeconds, BASELINE);
            System.out.printf("   load average: %.2f%n", loadAverage());
            for (int inFlight : new int[] {32, 128}) {
                throughput(models, inFlight, rounds, seconds);
            }
        }
        finally {
            models.stop();
        }
    }

    private record Round(long calls, long cpuNanos, long allocatedBytes) {
    }

    private static void throughput(ChatModelBenchmark models, int inFlight, int rounds, int seconds) {
        ExecutorService blocking = Executors.newFixedThreadPool(inFlight);
        try {
            Map<String, Supplier<Round>> variants = new LinkedHashMap<>();
            variants.put(NETTY, () -> measured(() -> ChatThroughput.asyncRound(() -> models.outcropNettyRuntime().converse(models.request()).toCompletableFuture(), inFlight, seconds)));
            variants.put(CRT, () -> measured(() -> ChatThroughput.asyncRound(() -> models.outcropCrtRuntime().converse(models.request()).toCompletableFuture(), inFlight, seconds)));
            variants.put(DIRECT, () -> measured(() -> ChatThroughput.asyncRound(() -> models.outcropDirectRuntime().converse(models.request()).toCompletableFuture(), inFlight, seconds)));
            variants.put("ours-" + DEFAULT.name().toLowerCase(java.util.Locale.ROOT) + "-async-chained*", () -> measured(() -> ChatThroughput.chainedRound(() -> models.outcropRuntime().converse(models.request()).toCompletableFuture(), inFlight, seconds)));
            variants.put(BLOCKING, () -> measured(() -> ChatThroughput.blockingRound(models::outcropBlocking, blocking, inFlight, seconds)));
            variants.put(BARE_ASYNC, () -> measured(() -> ChatThroughput.asyncRound(models::bareAsyncSdkCall, inFlight, seconds)));
            variants.put(BARE_ASYNC + "-chained", () -> measured(() -> ChatThroughput.chainedRound(models::bareAsyncSdkCall, inFlight, seconds)));
            variants.put("bareSyncSdk-blocking", () -> measured(() -> ChatThroughput.blockingRound(models::bareSyncSdk, blocking, inFlight, seconds)));
            variants.put("langChain4j-blocking", () -> measured(() -> ChatThroughput.blockingRound(models::langChain4j, blocking, inFlight, seconds)));
            variants.put("springAi-blocking", () -> measured(() -> ChatThroughput.blockingRound(models::springAi, blocking, inFlight, seconds)));
            Map<String, long[]> totals = new LinkedHashMap<>();
            // Two warm-up rounds: on a loaded machine one left the JIT still compiling into the first measured rows.
            int warmUps = 2;
            for (int round = 1 - warmUps; round <= rounds; round++) {
                for (Map.Entry<String, Supplier<Round>> variant : variants.entrySet()) {
                    Round r = variant.getValue().get();
                    if (round > 0) {
                        long[] t = totals.computeIfAbsent(variant.getKey(), k -> new long[3]);
                        t[0] += r.calls;
                        t[1] += r.cpuNanos;
                        t[2] += r.allocatedBytes;
                    }
                }
            }
            System.out.printf("== %d in flight (%d rounds of %d s each; load average %.2f)%n", inFlight, rounds, seconds, loadAverage());
            long[] base = totals.get(BASELINE);
            long[] bare = totals.get(BARE_ASYNC);
            for (Map.Entry<String, long[]> entry : totals.entrySet()) {
                long[] t = entry.getValue();
                double perSecond = t[0] / (double) (rounds * seconds);
                double cpuPerCall = t[1] / (double) t[0] / 1e3;
                double bytesPerCall = t[2] / (double) t[0];
                System.out.printf("%-28s %7.0f calls/s  cpu %7.1f us/call  alloc %7.0f B/call  ratio to %s: throughput %.3f, cpu %.3f, alloc %.3f;"
                                + " alloc to bare async %.3f%n",
                        entry.getKey(), perSecond, cpuPerCall, bytesPerCall, BASELINE, perSecond / (base[0] / (double) (rounds * seconds)),
                        cpuPerCall / (base[1] / (double) base[0] / 1e3), bytesPerCall / (base[2] / (double) base[0]),
                        bytesPerCall / (bare[2] / (double) bare[0]));
            }
        }
        finally {
            blocking.shutdownNow();
        }
    }

    private static Round measured(Supplier<Long> round) {
        long cpu = processCpuNanos();
        Map<Long, Long> allocated = allocatedBytes();
        long calls = round.get();
        long cpuNanos = processCpuNanos() - cpu;
        long bytes = 0;
        for (Map.Entry<Long, Long> thread : allocatedBytes().entrySet()) {
            bytes += thread.getValue() - allocated.getOrDefault(thread.getKey(), 0L);
        }
        return new Round(calls, cpuNanos, bytes);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Bytes allocated so far by each live thread, by thread id. A round counts, per thread alive at its end, what that
     * thread allocated since the round began: an idle pool thread of another contender that ends during the round
     * (the SDK's response pool, say) must not take its whole history out of the sum, as a plain total did.
     */
    private static Map<Long, Long> allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] > 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
