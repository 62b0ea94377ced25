package dev.outcrop.benchmarks.server;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.benchmarks.emulator.PreSignedInvoke;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.vertx.DemoModule;
import dev.outcrop.vertx.OutcropServer;
import dev.outcrop.vertx.config.ServerConfig;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one request's CPU goes, for {@link ServerThroughput}'s three paths measured one at a time: {@code service}
 * (a statement through the HTTP service, the seed's by default), {@code emulator} (the pre-signed InvokeModel straight
 * to the emulator) and {@code sdk} (InvokeModel through the service's own {@link ModelRuntime}, bedrock-client on the
 * AWS SDK, without the service). After the warm-up it measures one phase and prints, per request: CPU by thread group
 * (JIT compiler and GC threads included), voluntary context switches (thread wake-ups: hand-offs), bytes allocated;
 * and the classes loaded, JIT and GC time during the phase.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.server.ServerCostBreakdown --mode service|emulator|sdk \
 *     [--warmup 45] [--seconds 15] [--connections 16] [--sql TEXT]
 * </pre>
 *
 * Linux only for the per-thread figures. For a profile, add async-profiler's agent ({@code -agentpath:...}).
 */
public final class ServerCostBreakdown {

    private ServerCostBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        String mode = "service";
        int warmup = 45;
        int seconds = 15;
        int connections = 16;
        String sql = ServerThroughput.SEED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--sql" -> sql = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!mode.equals("service") && !mode.equals("emulator") && !mode.equals("sdk")) {
            throw new IllegalArgumentException("--mode must be service, emulator or sdk, but was " + mode);
        }
        try (OutcropServer server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule())) {
            URI emulator = server.injector().getInstance(BedrockEmulator.class).endpoint();
            ServerThroughput.createLocation(server.port());
            PreSignedInvoke invoke = PreSignedInvoke.create(emulator);
            ServerThroughput.Target target = mode.equals("service")
                    ? new ServerThroughput.Target("127.0.0.1", server.port(), "/?output_format=JSON_Compact", Map.of("Content-Type", "text/plain"),
                            sql.getBytes(StandardCharsets.UTF_8))
                    : new ServerThroughput.Target(emulator.getHost(), emulator.getPort(), invoke.path(), invoke.headers(), invoke.body());
            ModelRuntime runtime = server.injector().getInstance(ModelRuntime.class);
            run(mode, runtime, target, connections, warmup);

            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            ThreadCosts before = ThreadCosts.now();
            long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long[] gc = gc();
            long started = System.nanoTime();
            long answered = run(mode, runtime, target, connections, seconds);
            double elapsed = (System.nanoTime() - started) / 1e9;
            ThreadCosts after = ThreadCosts.now();
            long[] gcAfter = gc();
            double n = Math.max(1, answered);

            System.out.printf("mode %s, %d in flight: %d answered, %.0f/s; load average %.2f before, %.2f after%n", mode, connections, answered,
                    answered / elapsed, loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("during the phase: %d classes loaded, JIT %d ms, GC %d collections and %d ms%n",
                    ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classes,
                    ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMillis, gcAfter[0] - gc[0], gcAfter[1] - gc[1]);
            System.out.printf("per request: %.2f voluntary context switches (%.2f involuntary), %.0f bytes allocated%n",
                    (after.voluntarySwitches() - before.voluntarySwitches()) / n, (after.involuntarySwitches() - before.involuntarySwitches()) / n,
                    (after.allocatedBytes() - before.allocatedBytes()) / n);
            Map<String, Long> groups = after.cpuByGroupSince(before);
            long total = groups.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("CPU per request: %.0f us%n", total / 1e3 / n);
            groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(group ->
                    System.out.printf("  %-40s %8.1f us %5.1f %%%n", group.getKey(), group.getValue() / 1e3 / n, 100.0 * group.getValue() / total));
        }
    }

    private static long run(String mode, ModelRuntime runtime, ServerThroughput.Target target, int connections, int seconds)
            throws InterruptedException {
        return mode.equals("sdk") ? sdk(runtime, connections, seconds) : ServerThroughput.load(target, connections, seconds, Integer.MAX_VALUE).ok();
    }

    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += collector.getCollectionCount();
            millis += collector.getCollectionTime();
        }
        return new long[] {count, millis};
    }

    /** {@code concurrency} InvokeModel calls in a closed loop through the runtime, with the emulator's deployment keys. */
    private static long sdk(ModelRuntime runtime, int concurrency, int seconds) throws InterruptedException {
        InvokeModelRequest request = new InvokeModelRequest("amazon.nova-micro-v1:0", PreSignedInvoke.BODY, "us-east-1",
                AwsCredentials.of(PreSignedInvoke.ACCESS_KEY_ID, PreSignedInvoke.SECRET_ACCESS_KEY));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            call(runtime, request, running, ok, failed, stopped);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long answered = ok.get();
        running.set(false);
        stopped.await(30, TimeUnit.SECONDS);
        if (failed.get() > 0) {
            System.out.println("-- " + failed.get() + " calls failed");
        }
        return answered;
    }

    private static void call(ModelRuntime runtime, InvokeModelRequest request, AtomicBoolean running, AtomicLong ok, AtomicLong failed,
                             CountDownLatch stopped) {
        if (!running.get()) {
            stopped.countDown();
            return;
        }
        runtime.invokeModel(request).whenComplete((response, failure) -> {
            (failure == null ? ok : failed).incrementAndGet();
            call(runtime, request, running, ok, failed, stopped);
        });
    }
}
