package dev.outcrop.examples.streaming;

import dev.outcrop.core.Session;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.query.QueryProgress;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.examples.OfflineStack;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * A SELECT over many rows (one model call per row), streamed: {@code Session.startStream} returns at once with
 * the query id, progress snapshots go to a listener while it runs, and the rows arrive through a
 * {@link Flow.Publisher}, in order, never faster than the subscriber asks. The subscriber here asks for
 * {@value #CHUNK} rows at a time, and asks for the next chunk only when it has handled the last one: Outcrop
 * computes only a bounded number of rows ahead, so a slow consumer holds the model calls back instead of
 * filling memory.
 *
 * <p>With {@code --cancel-after N} the main thread cancels the query by its id once N rows have arrived, as a
 * second request (another HTTP call, an operator) would with {@code Session.cancel(queryId)}: calls in flight are
 * aborted, their reserved tokens released, and the stream ends with {@code QUERY_CANCELLED}.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.outcrop.examples.streaming.StreamManyRows}
 * (add {@code -Dexec.args="--rows 5000 --cancel-after 1000"} to cancel).
 */
public final class StreamManyRows {

    static final int CHUNK = 100;

    private StreamManyRows() {
    }

    public static void main(String[] args) {
        int rows = 2_000;
        long cancelAfter = -1;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value; options: --rows N, --cancel-after N");
            }
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--cancel-after" -> cancelAfter = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --rows N, --cancel-after N");
            }
        }

        try (OfflineStack stack = OfflineStack.start()) {
            Session session = stack.admin();
            RunningQuery<RowStream> query = session.startStream(novaPerRow(rows), QueryOptions.defaults()
                    .withQueryLabel("examples: stream many rows")
                    .withProgressInterval(Duration.ofMillis(250))
                    .withProgressListener(StreamManyRows::printProgress));   // called on Outcrop's threads; must not block
            System.out.println("query id: " + query.queryId());

            RowStream stream = query.result().toCompletableFuture().join();   // completes once the columns are known
            ChunkedSubscriber subscriber = new ChunkedSubscriber(cancelAfter);
            stream.rows().subscribe(subscriber);

            if (cancelAfter >= 0) {
                subscriber.reachedCancelPoint.join();
                System.out.println("cancelling " + query.queryId() + ": " + session.cancel(query.queryId()));
            }
            try {
                subscriber.done.join();
                System.out.println("rows received: " + subscriber.received + " of " + rows);
            }
            catch (CompletionException e) {
                System.out.println("stopped after " + subscriber.received + " rows: " + e.getCause().getMessage());
            }
            printProgress(query.progress());
        }
    }

    private static void printProgress(QueryProgress p) {
        System.out.printf("progress: %d/%d rows, %d calls in flight, %d waiting, %d made, %d tokens%n",
                p.rowsDone(), p.rowsTotal(), p.callsInFlight(), p.callsWaiting(), p.callsMade(), p.tokensUsed());
    }

    /** {@code SELECT n, AWS_BEDROCK_AI_QUERY(...'row n'...) FROM (VALUES (1), (2), ..., (rows)) AS t(n)}. */
    static String novaPerRow(int rows) {
        StringBuilder values = new StringBuilder(rows * 8);
        for (int n = 1; n <= rows; n++) {
            values.append(n == 1 ? "" : ",").append('(').append(n).append(')');
        }
        return "SELECT n, AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
                + "'{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"row ' || n || '\"}]}]}',"
                + " 'bedrock_role') AS answer FROM (VALUES " + values + ") AS t(n)";
    }

    /** Asks for rows {@value #CHUNK} at a time and checks that they come in order, each with its own answer. */
    private static final class ChunkedSubscriber implements Flow.Subscriber<Row> {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CompletableFuture<Void> reachedCancelPoint = new CompletableFuture<>();
        private final long cancelAfter;
        private Flow.Subscription subscription;
        volatile long received;

        ChunkedSubscriber(long cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(CHUNK);
        }

        @Override
        public void onNext(Row row) {
            long n = received + 1;
            if ((Long) row.get(0) != n || !((String) row.get(1)).contains("Echo: row " + n)) {
                subscription.cancel();
                done.completeExceptionally(new IllegalStateException("row " + n + " is not the one expected: " + row));
                return;
            }
            received = n;
            if (n == cancelAfter) {
                reachedCancelPoint.complete(null);
            }
            if (n % CHUNK == 0) {
                if (n % (5 * CHUNK) == 0) {
                    System.out.println("consumed " + n + " rows");
                }
                subscription.request(CHUNK);   // the chunk is handled: ask for the next one
            }
        }

        @Override
        public void onError(Throwable failure) {
            reachedCancelPoint.complete(null);
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            reachedCancelPoint.complete(null);
            done.complete(null);
        }
    }
}
