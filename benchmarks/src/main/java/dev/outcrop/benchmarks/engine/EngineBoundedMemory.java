package dev.outcrop.benchmarks.engine;

import dev.outcrop.core.execution.ExecutionLimits;
import dev.outcrop.core.Session;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ref.Reference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A statement of 100,000 rows with ~1 KiB answers, streamed row by row ({@code Session.startStream}) by a JVM of
 * {@code -Xmx256m} that keeps nothing but counts, must complete; its peak heap is reported, and its live heap
 * (after a full GC) at every fifth of the rows, which stays flat when memory is bounded. The stream runs again
 * under a smaller heap ({@code -Xmx64m}). As the contrast, the same statement collected into a QueryResult
 * ({@code Session.execute}) under both heaps, with what the result retains. Each Outcrop runs in a child JVM of its
 * own; the emulator in another.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.engine.EngineBoundedMemory
 * </pre>
 *
 * Options (defaults): --rows 100000 --prompt-chars 1000 --heap 256m --small-heap 64m --latency-ms 0
 */
public final class EngineBoundedMemory {

    private EngineBoundedMemory() {
    }

    public static void main(String[] args) throws Exception {
        Args options = new Args(args, new TreeMap<>(Map.of("rows", "100000", "prompt-chars", "1000", "heap", "256m", "small-heap", "64m",
                "latency-ms", "0")));
        int rows = options.integer("rows");
        int padding = options.integer("prompt-chars");
        String heap = options.text("heap");
        List<String> summary = new ArrayList<>();
        try (Aws aws = Aws.start(true, 1_000, 1)) {
            aws.faults(Duration.ofMillis(options.integer("latency-ms")), 0, 0);
            System.out.println("-- " + aws.describe());
            String small = options.text("small-heap");
            summary.add(child(aws.endpoint(), "stream", rows, padding, heap));
            summary.add(child(aws.endpoint(), "stream", rows, padding, small));
            summary.add(child(aws.endpoint(), "collect", rows, padding, small));
            summary.add(child(aws.endpoint(), "collect", rows, padding, heap));
        }
        System.out.println();
        System.out.println("==== EngineBoundedMemory summary: " + rows + " rows, a " + padding + "-character literal in each prompt ====");
        summary.forEach(System.out::println);
        System.exit(0);
    }

    /** Runs one child JVM to the end, echoing what it prints, and returns its one-line outcome. */
    private static String child(URI endpoint, String mode, int rows, int padding, String heap) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), endpoint.toString(), mode, Integer.toString(rows), Integer.toString(padding));
        String what = mode + " " + rows + " rows under -Xmx" + heap;
        System.out.println("-- " + what);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        String oom = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("   | " + line);
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                }
                if (line.contains("OutOfMemoryError")) {
                    oom = line.trim();
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return what + ": did not finish within an hour";
        }
        int exit = process.exitValue();
        if (result != null && exit == 0) {
            return what + ": completed; " + result;
        }
        return what + ": FAILED (exit code " + exit + ")" + (oom != null ? ": " + oom : "") + (result != null ? "; " + result : "");
    }

    /** The Outcrop side, in a JVM of its own: {@code <endpoint> stream|collect <rows> <prompt-chars>}. */
    public static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws Exception {
            URI endpoint = URI.create(args[0]);
            boolean stream = args[1].equals("stream");
            int rows = Integer.parseInt(args[2]);
            int padding = Integer.parseInt(args[3]);
            HeapWatch heap = new HeapWatch();
            System.out.printf("max heap %s, collectors %s%n", HeapWatch.mib(Runtime.getRuntime().maxMemory()), HeapWatch.collectors());
            int exit = 0;
            try (EngineStack stack = new EngineStack(endpoint, ExecutionLimits.defaults(), 256, 1)) {
                Session session = stack.session();
                String sql = Rows.novaPerRow(1, rows, padding);
                System.gc();
                long baseline = HeapWatch.usedNow();
                System.out.printf("statement: %,d characters; heap used before it runs, after a full GC %s%n", sql.length(), HeapWatch.mib(baseline));
                Counts counts;
                long retained = -1;
                if (stream) {
                    RunningQuery<RowStream> query = session.startStream(sql, QueryOptions.defaults());
                    sql = null;
                    RowStream rowStream = EngineStack.await(query, Duration.ofMinutes(5));
                    RowByRow subscriber = new RowByRow(padding, rows, heap);
                    rowStream.rows().subscribe(subscriber);
                    counts = subscriber.done.get(60, TimeUnit.MINUTES);
                }
                else {
                    RunningQuery<QueryResult> query = session.start(sql, QueryOptions.defaults());
                    sql = null;
                    QueryResult result = EngineStack.await(query, Duration.ofMinutes(60));
                    counts = new Counts();
                    for (int i = 0; i < result.rows().size(); i++) {
                        counts.add(result.rows().get(i), i + 1, padding);
                    }
                    // What the result keeps: heap used after a full collection while it is still reachable.
                    System.gc();
                    retained = HeapWatch.usedNow() - baseline;
                    Reference.reachabilityFence(result);
                }
                boolean complete = counts.rows == rows && counts.wrong == 0;
                exit = complete ? 0 : 1;
                System.out.printf("RESULT %s: %,d rows, %,d answer bytes (%,d wrong); peak heap used %s (sum of pool peaks %s),"
                                + " max after GC %s, %d collections%s%n",
                        complete ? "all rows correct" : "INCOMPLETE", counts.rows, counts.bytes, counts.wrong, HeapWatch.mib(heap.peak()),
                        HeapWatch.mib(HeapWatch.sumOfPoolPeaks()), HeapWatch.mib(heap.maxAfterGc()), heap.collections(),
                        retained < 0 ? "" : String.format("; the QueryResult retains %s (after a full GC, over the heap used before the statement):"
                                + " %,d bytes per row", HeapWatch.mib(retained), retained / Math.max(1, counts.rows)));
            }
            catch (Exception e) {
                System.out.println("failed: " + (e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e));
                exit = 1;
            }
            System.exit(exit);
        }
    }

    /** Rows, answer bytes (UTF-8) and wrong answers seen; nothing of the rows is kept. */
    private static final class Counts {
        long rows;
        long bytes;
        long wrong;

        void add(Row row, long n, int padding) {
            rows++;
            Object answer = row.get(1);
            if (!(answer instanceof String text) || ((Long) row.get(0)) != n || !Rows.answersRow(text, n, padding)) {
                wrong++;
                return;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            }
        }
    }

    /** Asks for one row at a time, counts it, and forgets it. */
    private static final class RowByRow implements Flow.Subscriber<Row> {
        final CompletableFuture<Counts> done = new CompletableFuture<>();
        private final Counts counts = new Counts();
        private final int padding;
        private final int every;
        private final HeapWatch heap;
        private Flow.Subscription subscription;

        RowByRow(int padding, int rows, HeapWatch heap) {
            this.padding = padding;
            this.every = Math.max(1, rows / 5);
            this.heap = heap;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(Row row) {
            counts.add(row, counts.rows + 1, padding);
            if (counts.rows % every == 0) {
                long peak = heap.peak();
                System.gc();
                System.out.printf("%,d rows: peak heap used so far %s; live now (after a full GC) %s%n", counts.rows, HeapWatch.mib(peak),
                        HeapWatch.mib(HeapWatch.usedNow()));
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(counts);
        }
    }
}
