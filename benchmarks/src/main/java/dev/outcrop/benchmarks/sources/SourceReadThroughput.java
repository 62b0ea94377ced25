package dev.outcrop.benchmarks.sources;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.security.SealingKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Rows per second of {@code SELECT * FROM READ_CSV(...)} (no AI call: the whole engine path, parse, plan, reading
 * on the executor, the row pipeline, a subscriber that counts), beside a plain Jackson CSV read of the same file
 * (jackson-dataformat-csv, a MappingIterator of String lists) in the same run. Both read every field of every row.
 * Alternates the two, {@code --rounds} times each after one warm-up round, and prints the ratio of medians.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.sources.SourceReadThroughput [--rows 1000000] [--rounds 5]}
 */
public final class SourceReadThroughput {

    private SourceReadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(option(args, "--rows", "1000000"));
        int rounds = Integer.parseInt(option(args, "--rounds", "5"));
        Path directory = Files.createTempDirectory("outcrop-bench");
        Path file = directory.resolve("reviews.csv");
        writeCsv(file, rows);
        long[] outcrop = new long[rounds];
        long[] jackson = new long[rounds];
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore();
             Outcrop engine = Outcrop.builder().catalog(catalog).sealingKeys(SealingKeys.ephemeral()).userFilesDirectory(directory).build()) {
            engine.createAccount(new AccountSpec("bench", "us-east-1", "arn:aws:iam::111122223333:role/trust", 0L), "admin");
            Session session = engine.openSession("bench", "admin");
            for (int round = -1; round < rounds; round++) {
                long t0 = System.nanoTime();
                long counted = readWithOutcrop(session);
                long t1 = System.nanoTime();
                long jacksonCounted = readWithJackson(file);
                long t2 = System.nanoTime();
                if (counted != rows || jacksonCounted != rows) {
                    throw new IllegalStateException("read " + counted + " and " + jacksonCounted + " rows of " + rows);
                }
                if (round >= 0) {
                    outcrop[round] = t1 - t0;
                    jackson[round] = t2 - t1;
                }
            }
        }
        finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
        java.util.Arrays.sort(outcrop);
        java.util.Arrays.sort(jackson);
        double outcropRate = rows / (outcrop[rounds / 2] / 1e9);
        double jacksonRate = rows / (jackson[rounds / 2] / 1e9);
        System.out.printf("rows=%d rounds=%d%n", rows, rounds);
        System.out.printf("READ_CSV through the engine: %.0f rows/s (median)%n", outcropRate);
        System.out.printf("Jackson CSV, same file:      %.0f rows/s (median)%n", jacksonRate);
        System.out.printf("ratio READ_CSV / Jackson:    %.2f%n", outcropRate / jacksonRate);
    }

    private static long readWithOutcrop(Session session) {
        RowStream stream = session.stream("SELECT * FROM READ_CSV(URL => 'file://reviews.csv', HEADER => TRUE)").toCompletableFuture().join();
        CompletableFuture<Long> done = new CompletableFuture<>();
        stream.rows().subscribe(new Flow.Subscriber<Row>() {
            private long count;
            private long fields;
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(4096);
            }

            @Override
            public void onNext(Row row) {
                fields += row.size();
                if (++count % 4096 == 0) {
                    subscription.request(4096);
                }
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(fields > 0 ? count : -1);
            }
        });
        return done.join();
    }

    private static long readWithJackson(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        long count = -1;
        long fields = 0;
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(file.toFile())) {
            while (rows.hasNext()) {
                fields += rows.next().size();
                count++;
            }
        }
        return fields > 0 ? count : -1;
    }

    static void writeCsv(Path file, int rows) throws IOException {
        try (var out = Files.newBufferedWriter(file)) {
            out.write("id,product,stars,review\n");
            for (int i = 1; i <= rows; i++) {
                out.write(i + ",Trail boots " + (i % 17) + "," + (1 + i % 5) + ",\"Review number " + i
                        + ", with a comma and \"\"quotes\"\", of about seventy characters\"\n");
            }
        }
    }

    static String option(String[] args, String name, String defaultValue) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }
}
