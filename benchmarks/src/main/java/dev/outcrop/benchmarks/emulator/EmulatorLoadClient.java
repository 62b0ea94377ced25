package dev.outcrop.benchmarks.emulator;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load on InvokeModel: {@code connections} keep-alive HTTP/1.1 connections with {@code depth} pipelined
 * requests in flight on each, replaying a request pre-signed by the AWS SDK signer. The client must be cheaper than
 * the server or it measures itself: it does no per-request signing, builds no SDK objects, and pipelines so that a
 * syscall carries several requests. The emulator still verifies every signature.
 *
 * <pre>
 * java -cp benchmarks.jar:... dev.outcrop.benchmarks.emulator.EmulatorLoadClient [--endpoint http://127.0.0.1:8787]
 *      [--connections 16] [--depth 8] [--warmup 10] [--seconds 20]
 * </pre>
 * Without {@code --endpoint} it starts an emulator in-process on a free port (the default setup, zero latency).
 */
public final class EmulatorLoadClient {
    private EmulatorLoadClient() {
    }

    public static void main(String[] args) throws Exception {
        String endpointArg = null;
        int connections = 16;
        int depth = 8;
        int warmupSeconds = 10;
        int seconds = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpointArg = args[++i];
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--depth" -> depth = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        BedrockEmulator local = endpointArg == null
                ? BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).callLogLimit(1000).build())
                : null;
        URI endpoint = local != null ? local.endpoint() : URI.create(endpointArg);
        try {
            Result warm = run(endpoint, connections, depth, warmupSeconds);
            System.out.printf("warm-up: %.0f requests/s (%d non-200)%n", warm.perSecond(), warm.failures());
            Result result = run(endpoint, connections, depth, seconds);
            System.out.printf("InvokeModel: %.0f requests/s over %d s, %d connections x %d pipelined, %d non-200 answers%n",
                    result.perSecond(), seconds, connections, depth, result.failures());
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    /** Requests answered 200, answers that were not, and the rate of the former. */
    record Result(long ok, long failures, double perSecond) {
    }

    static Result run(URI endpoint, int connections, int depth, int seconds) throws InterruptedException {
        PreSignedInvoke request = PreSignedInvoke.create(endpoint);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                            .setPipelining(depth > 1).setPipeliningLimit(depth),
                    new PoolOptions().setHttp1MaxSize(connections));
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                    .setHost(endpoint.getHost()).setPort(endpoint.getPort()).setURI(request.path());
            request.headers().forEach(options::putHeader);
            Buffer body = Buffer.buffer(request.body());
            LongAdder ok = new LongAdder();
            LongAdder failed = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            int inFlight = connections * depth;
            CountDownLatch stopped = new CountDownLatch(inFlight);
            long start = System.nanoTime();
            for (int i = 0; i < inFlight; i++) {
                vertx.runOnContext(v -> loop(client, options, body, ok, failed, running, stopped));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            running.set(false);
            long okAtStop = ok.sum();
            double elapsed = (System.nanoTime() - start) / 1e9;
            stopped.await(10, TimeUnit.SECONDS);
            return new Result(okAtStop, failed.sum(), okAtStop / elapsed);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static void loop(HttpClient client, RequestOptions options, Buffer body, LongAdder ok, LongAdder failed,
                             AtomicBoolean running, CountDownLatch stopped) {
        if (!running.get()) {
            stopped.countDown();
            return;
        }
        client.request(options)
                .compose(req -> req.send(body))
                .compose(resp -> {
                    if (resp.statusCode() == 200) {
                        ok.increment();
                    } else {
                        failed.increment();
                    }
                    return resp.end();
                })
                .onComplete(ar -> {
                    if (ar.failed()) {
                        failed.increment();
                    }
                    loop(client, options, body, ok, failed, running, stopped);
                });
    }
}
