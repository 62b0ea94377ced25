package dev.outcrop.benchmarks.server;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.benchmarks.emulator.PreSignedInvoke;
import dev.outcrop.vertx.DemoModule;
import dev.outcrop.vertx.OutcropServer;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests per second and p99 latency of the seed query ({@code SELECT AWS_BEDROCK_AI_QUERY(...)} through a role
 * location) sent to the HTTP service in demo mode, beside the rate of the Bedrock emulator it calls (zero latency),
 * driven in the same run by the same closed-loop client: {@code connections} keep-alive HTTP/1.1 connections,
 * one request in flight on each, as Firebolt's clients send them. {@code --sql} sends another statement instead
 * (such as {@code SELECT 1}, to see the service's cost without a model call). Each service request makes one InvokeModel
 * call, so the emulator's own rate bounds the service's; the ratio says how much the service adds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.server.ServerThroughput [--warmup MIN_SECONDS] [--seconds 20] [--connections N] [--sql TEXT]
 * </pre>
 */
public final class ServerThroughput {

    static final String SEED = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
            + "$${\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}$$, "
            + "'bedrock_role') AS result";

    private ServerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 10;
        int seconds = 20;
        String sql = SEED;
        int[] connectionCounts = {16, 64};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--sql" -> sql = args[++i];
                case "--connections" -> connectionCounts = new int[] {Integer.parseInt(args[++i])};
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // A budget no run spends: at thousands of calls a second the demo's million tokens last about a minute, and the
        // calls after that are refused by the budget (a 64-connection phase once answered nothing else).
        try (OutcropServer server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule(1_000_000_000_000L))) {
            URI emulator = server.injector().getInstance(BedrockEmulator.class).endpoint();
            Target service = new Target("127.0.0.1", server.port(), "/?output_format=JSON_Compact", Map.of("Content-Type", "text/plain"),
                    sql.getBytes(StandardCharsets.UTF_8));
            createLocation(server.port());
            PreSignedInvoke invoke = PreSignedInvoke.create(emulator);
            Target direct = new Target(emulator.getHost(), emulator.getPort(), invoke.path(), invoke.headers(), invoke.body());
            System.out.printf("-- load average before: %.2f; %d cores%n", loadAverage(), Runtime.getRuntime().availableProcessors());
            System.out.println("connections | service req/s | service p99 ms | emulator req/s | emulator p99 ms | service/emulator"
                    + " | CPU/req service | CPU/req emulator | CPU ratio | of which JIT: service | emulator | CPU ratio without JIT");
            for (int connections : connectionCounts) {
                warmUp("service", service, connections, warmup);
                Result viaService = load(service, connections, seconds, Integer.MAX_VALUE);
                warmUp("emulator", direct, connections, warmup);
                Result alone = load(direct, connections, seconds, Integer.MAX_VALUE);
                System.out.printf("%11d | %13.0f | %14.1f | %14.0f | %15.1f | %15.2fx | %12.0f us | %13.0f us | %8.2fx | %18.0f us | %6.0f us | %.2fx%s%n",
                        connections, viaService.perSecond(), viaService.p99Millis(), alone.perSecond(), alone.p99Millis(),
                        viaService.perSecond() / alone.perSecond(), viaService.cpuMicrosPerRequest(), alone.cpuMicrosPerRequest(),
                        alone.cpuMicrosPerRequest() / viaService.cpuMicrosPerRequest(), viaService.jitMicrosPerRequest(),
                        alone.jitMicrosPerRequest(), (alone.cpuMicrosPerRequest() - alone.jitMicrosPerRequest())
                                / (viaService.cpuMicrosPerRequest() - viaService.jitMicrosPerRequest()),
                        viaService.failed() + alone.failed() > 0 ? "  (non-200: " + viaService.failed() + " / " + alone.failed() + ")" : "");
            }
            System.out.printf("-- load average after: %.2f%n", loadAverage());
        }
    }

    /** Warm means this many rounds of a second in a row without a new best rate (by at least 2%). */
    private static final int PLATEAU_ROUNDS = 8;
    private static final int MAX_WARMUP_SECONDS = 240;

    /**
     * Loads the target in rounds of a second for at least {@code minSeconds}, then until its rate stops rising:
     * {@link #PLATEAU_ROUNDS} rounds without a new best, or {@link #MAX_WARMUP_SECONDS}. A fixed warm-up measured cold
     * code on two cores: the SDK's request pipeline still ran C1's profiling code after 45 s, at several times the CPU
     * per call it has once C2 has compiled it (see bedrock-client's README, "Contenders in JVMs of their own").
     */
    static void warmUp(String name, Target target, int connections, int minSeconds) throws InterruptedException {
        long started = System.nanoTime();
        double best = 0;
        int sinceBest = 0;
        for (int second = 1; ; second++) {
            double rate = load(target, connections, 1, Integer.MAX_VALUE).perSecond();
            if (rate > best * 1.02) {
                best = rate;
                sinceBest = 0;
            }
            else {
                sinceBest++;
            }
            long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            if (second >= minSeconds && (sinceBest >= PLATEAU_ROUNDS || elapsed >= MAX_WARMUP_SECONDS)) {
                System.out.printf("   %s, %d connections: warmed up in %d s (%s)%n", name, connections, elapsed,
                        sinceBest >= PLATEAU_ROUNDS ? "no faster for " + sinceBest + " rounds" : "STILL GETTING FASTER at the limit");
                return;
            }
        }
    }

    /** The seed's role location, which {@link #SEED} calls through. */
    static void createLocation(int port) throws InterruptedException {
        Result created = load(new Target("127.0.0.1", port, "/", Map.of(), ("CREATE LOCATION IF NOT EXISTS bedrock_role WITH "
                + "SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' )")
                .getBytes(StandardCharsets.UTF_8)), 1, 1, 1);
        if (created.ok() < 1) {
            throw new IllegalStateException("the location could not be created");
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** CPU time of this whole process (service, emulator and load client share it), so a ratio compares like with like. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Where to send one request, again and again. */
    record Target(String host, int port, String path, Map<String, String> headers, byte[] body) {
    }

    /**
     * {@code cpuMicrosPerRequest} is this process's CPU time over the measured phase divided by the answers: on a
     * machine that other work keeps busy it says more than the rate does, because it does not count waiting for a core.
     * {@code jitMicrosPerRequest} is the part of it the JIT compiler threads used (see {@link CompilerCpu}).
     */
    record Result(long ok, long failed, double perSecond, double p99Millis, double cpuMicrosPerRequest, double jitMicrosPerRequest) {
    }

    /** Closed loop: {@code connections} requests in flight until {@code seconds} have passed or {@code maxRequests} were sent. */
    static Result load(Target target, int connections, int seconds, int maxRequests) throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                    new PoolOptions().setHttp1MaxSize(connections));
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.host()).setPort(target.port())
                    .setURI(target.path());
            target.headers().forEach(options::putHeader);
            Buffer body = Buffer.buffer(target.body());
            Loop loop = new Loop(client, options, body, maxRequests, connections);
            long start = System.nanoTime();
            long cpuAtStart = processCpuNanos();
            long jitAtStart = CompilerCpu.nanos();
            for (int i = 0; i < connections; i++) {
                vertx.runOnContext(v -> loop.next());
            }
            loop.stopped.await(seconds, TimeUnit.SECONDS);
            loop.running.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            loop.stopped.await(30, TimeUnit.SECONDS);
            long cpu = processCpuNanos() - cpuAtStart;
            long jit = CompilerCpu.nanos() - jitAtStart;
            return vertx.executeBlocking(() -> loop.result(elapsed, cpu, jit)).await();
        }
        finally {
            vertx.close().await();
        }
    }

    /** One client loop; all of its state is touched on the client's single event loop. */
    private static final class Loop {
        private final HttpClient client;
        private final RequestOptions options;
        private final Buffer body;
        private final int maxRequests;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CountDownLatch stopped;
        private long[] latencies = new long[1 << 16];
        private int answered;
        private int sent;
        private long ok;
        private long failed;
        private long okAtStop = -1;

        Loop(HttpClient client, RequestOptions options, Buffer body, int maxRequests, int connections) {
            this.client = client;
            this.options = options;
            this.body = body;
            this.maxRequests = maxRequests;
            this.stopped = new CountDownLatch(connections);
        }

        void next() {
            if (!running.get() || sent >= maxRequests) {
                if (okAtStop < 0) {
                    okAtStop = ok;
                }
                stopped.countDown();
                return;
            }
            sent++;
            long started = System.nanoTime();
            client.request(options)
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .onComplete(outcome -> {
                        if (outcome.succeeded() && outcome.result() == 200) {
                            ok++;
                        }
                        else {
                            failed++;
                        }
                        if (answered == latencies.length) {
                            latencies = Arrays.copyOf(latencies, latencies.length * 2);
                        }
                        latencies[answered++] = System.nanoTime() - started;
                        next();
                    });
        }

        Result result(double elapsedSeconds, long cpuNanos, long jitNanos) {
            long[] sorted = Arrays.copyOf(latencies, answered);
            Arrays.sort(sorted);
            double p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
            long counted = okAtStop < 0 ? ok : okAtStop;
            return new Result(ok, failed, counted / elapsedSeconds, p99, answered == 0 ? 0 : cpuNanos / 1e3 / answered,
                    answered == 0 ? 0 : jitNanos / 1e3 / answered);
        }
    }
}
