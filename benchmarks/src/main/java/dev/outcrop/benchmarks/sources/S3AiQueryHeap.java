package dev.outcrop.benchmarks.sources;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.s3.S3ObjectStorage;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.security.SealingKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The acceptance run: a CSV of {@code --rows} rows (default 100,000) in the emulator's S3, read through a role
 * location with {@code READ_CSV(LOCATION => ...)}, each row's review sent to the emulator's Bedrock with
 * AWS_BEDROCK_AI_QUERY through a role location, the rows streamed to a subscriber that checks their order and
 * keeps only counts. Prints the wall time, the calls the emulator answered and under which identity, and the
 * peak heap used (the sum of the heap pools' peaks, reset after setup), so run it with the heap to hold it to:
 *
 * <p>{@code java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.sources.S3AiQueryHeap [--rows 100000]}
 *
 * <p>The emulator runs in this JVM (its call log capped at 1,000 entries), so the peak includes it and the
 * CSV it holds: an upper bound on the engine's own.
 */
public final class S3AiQueryHeap {

    private static final String ROLE = EmulatorConfig.BEDROCK_ACCESS_ROLE;

    private S3AiQueryHeap() {
    }

    public static void main(String[] args) {
        int rows = Integer.parseInt(SourceReadThroughput.option(args, "--rows", "100000"));
        StringBuilder csv = new StringBuilder(rows * 40).append("id,review\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",review ").append(i).append(" of a product\n");
        }
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).callLogLimit(1000).build())) {
            emulator.s3().putObject("reviews", "all/reviews.csv", csv.toString());
            csv.setLength(0);
            csv.trimToSize();
            BedrockClientConfig aws = BedrockClientConfig.builder().region("us-east-1").bedrockEndpoint(emulator.endpoint()).build();
            try (BedrockModelRuntime bedrock = BedrockModelRuntime.create(aws);
                 StsRoleAssumer sts = StsRoleAssumer.create(aws);
                 S3ObjectStorage storage = S3ObjectStorage.create(emulator.endpoint());
                 InMemoryCatalogStore catalog = new InMemoryCatalogStore();
                 Outcrop outcrop = Outcrop.builder().catalog(catalog).modelRuntime(bedrock).roleAssumer(sts).objectStorage(storage)
                         .deploymentCredentials(CredentialsProvider.fixed(AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID,
                                 EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)))
                         .sealingKeys(SealingKeys.ephemeral()).build()) {
                outcrop.createAccount(new AccountSpec("bench", "us-east-1", EmulatorConfig.TRUST_DEMO_ROLE, Long.MAX_VALUE / 4), "admin");
                Session session = outcrop.openSession("bench", "admin");
                session.execute("CREATE LOCATION s3_reviews WITH SOURCE = AMAZON_S3 CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE
                        + "' ) URL = 's3://reviews/all/'; CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '"
                        + ROLE + "' )").toCompletableFuture().join();
                emulator.clearCalls();
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long t0 = System.nanoTime();
                RowStream stream = session.stream("SELECT id, AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
                        + "'{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"' || review || '\"}]}]}', "
                        + "'bedrock_role') FROM READ_CSV(LOCATION => 's3_reviews', PATTERN => '*.csv', HEADER => TRUE)").toCompletableFuture().join();
                long counted = consumeInOrder(stream);
                long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
                long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                boolean identity = emulator.calls().stream().filter(c -> c.operation().equals("InvokeModel") || c.operation().equals("GetObject"))
                        .allMatch(c -> c.principalArn().startsWith("arn:aws:sts::123456789012:assumed-role/BedrockAccess/"));
                System.out.printf("rows=%d answered-in-order=%d wall=%ds InvokeModel=%d GetObject=%d role-identity-in-log=%s%n", rows, counted,
                        seconds, emulator.callCount("InvokeModel"), emulator.callCount("GetObject"), identity);
                System.out.printf("max heap=%d MiB, peak heap used=%d MiB%n", Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
            }
        }
    }

    private static long consumeInOrder(RowStream stream) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        stream.rows().subscribe(new Flow.Subscriber<Row>() {
            private long count;
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(256);
            }

            @Override
            public void onNext(Row row) {
                count++;
                if (!row.get(0).equals(Long.toString(count)) || !((String) row.get(1)).contains("Echo: review " + count + " of a product")) {
                    subscription.cancel();
                    done.completeExceptionally(new IllegalStateException("row " + count + " is out of order or wrong: " + row));
                    return;
                }
                if (count % 256 == 0) {
                    subscription.request(256);
                }
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(count);
            }
        });
        return done.join();
    }
}
