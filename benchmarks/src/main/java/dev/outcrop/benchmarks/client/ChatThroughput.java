package dev.outcrop.benchmarks.client;

import dev.outcrop.core.port.ConverseRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Chat calls per second with {@code inFlight} calls outstanding at all times, ours (asynchronous: one thread
 * keeps them in flight) against LangChain4j and Spring AI (blocking: one thread per call in flight, which is how
 * they are used). The same Converse call on bare async (Netty) and sync (Apache) SDK clients separates framework
 * cost from HTTP-client cost. The variants take turns in short rounds so that all see the same machine load.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.client.ChatThroughput [inFlight] [rounds] [secondsPerRound]
 * </pre>
 */
public final class ChatThroughput {

    private ChatThroughput() {
    }

    public static void main(String[] args) throws InterruptedException {
        int inFlight = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ChatModelBenchmark models = new ChatModelBenchmark();
        models.start();
        ExecutorService blocking = Executors.newFixedThreadPool(inFlight);
        try {
            ConverseRequest request = new ConverseRequest(InvokeModelBenchmark.MODEL, ChatModelBenchmark.PROMPT, "us-east-1",
                    InvokeModelBenchmark.CREDENTIALS);
            Map<String, Long> calls = new LinkedHashMap<>();
            Map<String, Runnable> variants = new LinkedHashMap<>();
            long[] measured = new long[1];
            variants.put("outcrop", () -> measured[0] = asyncRound(() -> models.outcropRuntime().converse(request).toCompletableFuture(), inFlight, seconds));
            variants.put("bareAsyncSdk", () -> measured[0] = asyncRound(models::bareAsyncSdkCall, inFlight, seconds));
            variants.put("bareSyncSdk", () -> measured[0] = blockingRound(models::bareSyncSdk, blocking, inFlight, seconds));
            variants.put("langChain4j", () -> measured[0] = blockingRound(models::langChain4j, blocking, inFlight, seconds));
            variants.put("springAi", () -> measured[0] = blockingRound(models::springAi, blocking, inFlight, seconds));
            for (int round = 0; round <= rounds; round++) {
                for (Map.Entry<String, Runnable> variant : variants.entrySet()) {
                    variant.getValue().run();
                    if (round > 0) {                      // round 0 warms up
                        calls.merge(variant.getKey(), measured[0], Long::sum);
                    }
                }
            }
            double ours = calls.get("outcrop") / (double) (rounds * seconds);
            calls.forEach((name, count) -> {
                double perSecond = count / (double) (rounds * seconds);
                System.out.printf("%-12s %8.0f calls/s with %d in flight  (ratio to outcrop %.3f)%n", name, perSecond, inFlight, perSecond / ours);
            });
        }
        finally {
            blocking.shutdownNow();
            models.stop();
        }
    }

    /** Keeps {@code inFlight} calls outstanding from one thread for {@code seconds}; returns the calls that succeeded. */
    static long asyncRound(Supplier<CompletableFuture<?>> call, int inFlight, int seconds) {
        Semaphore permits = new Semaphore(inFlight);
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            permits.acquireUninterruptibly();
            call.get().whenComplete((result, failure) -> {
                if (failure == null) {
                    done.increment();
                }
                permits.release();
            });
        }
        permits.acquireUninterruptibly(inFlight);
        return done.sum();
    }

    /**
     * Keeps {@code inFlight} chains of calls going for {@code seconds}, each call started by the completion of the one
     * before it (on whichever thread completed it, an I/O thread when stages complete there), so that no thread waits
     * and none is woken to start the next call; returns the calls that succeeded.
     */
    static long chainedRound(Supplier<CompletableFuture<?>> call, int inFlight, int seconds) {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CompletableFuture<?>[] chains = new CompletableFuture<?>[inFlight];
        for (int i = 0; i < inFlight; i++) {
            CompletableFuture<Void> chain = new CompletableFuture<>();
            chains[i] = chain;
            next(call, done, end, chain);
        }
        CompletableFuture.allOf(chains).join();
        return done.sum();
    }

    private static void next(Supplier<CompletableFuture<?>> call, LongAdder done, long end, CompletableFuture<Void> chain) {
        // A call that is already complete when returned is counted here, in a loop, rather than by a nested callback.
        for (CompletableFuture<?> future = call.get(); ; future = call.get()) {
            if (!future.isDone()) {
                future.whenComplete((result, failure) -> {
                    if (failure == null) {
                        done.increment();
                    }
                    if (System.nanoTime() < end) {
                        next(call, done, end, chain);
                    }
                    else {
                        chain.complete(null);
                    }
                });
                return;
            }
            if (!future.isCompletedExceptionally()) {
                done.increment();
            }
            if (System.nanoTime() >= end) {
                chain.complete(null);
                return;
            }
        }
    }

    /** Runs {@code inFlight} threads calling in a loop for {@code seconds}; returns the calls made. */
    static long blockingRound(Supplier<String> call, ExecutorService threads, int inFlight, int seconds) {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CompletableFuture<?>[] workers = new CompletableFuture<?>[inFlight];
        for (int i = 0; i < inFlight; i++) {
            workers[i] = CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    call.get();
                    done.increment();
                }
            }, threads);
        }
        CompletableFuture.allOf(workers).join();
        return done.sum();
    }
}
