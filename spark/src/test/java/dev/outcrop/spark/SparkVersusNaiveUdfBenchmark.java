package dev.outcrop.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.FaultSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * 10,000 rows at 100 ms of model latency, in one local[2] Spark application: AWS_BEDROCK_AI_QUERY through
 * Outcrop, against the UDF a user would write without it, which calls the AWS SDK and waits for each row's
 * answer. Same SparkSession, same partitions, same emulator, measured in the same run; prints both times and
 * the ratio. Not a test (its name does not end in Test): run it by hand, as benchmarks/README.md says.
 */
public final class SparkVersusNaiveUdfBenchmark {

    private static final String MODEL = "amazon.nova-micro-v1:0";

    private SparkVersusNaiveUdfBenchmark() {
    }

    /** The naive way: one blocking SDK call per row, one client per JVM. */
    static final class NaiveInvoke implements UDF2<String, String, String> {
        private static final long serialVersionUID = 1L;
        private static volatile BedrockRuntimeAsyncClient client;
        private final String endpoint;

        NaiveInvoke(String endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public String call(String model, String body) {
            return client(endpoint).invokeModel(request -> request.modelId(model).contentType("application/json").body(SdkBytes.fromUtf8String(body)))
                    .join().body().asUtf8String();
        }

        private static BedrockRuntimeAsyncClient client(String endpoint) {
            if (client == null) {
                synchronized (NaiveInvoke.class) {
                    if (client == null) {
                        client = BedrockRuntimeAsyncClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                        EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)))
                                .build();
                    }
                }
            }
            return client;
        }
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 100;
        try (SparkTestStack stack = SparkTestStack.start(1_000_000_000L)) {
            stack.spark.udf().register("naive_invoke", new NaiveInvoke(stack.emulator.endpoint().toString()), DataTypes.StringType);
            stack.emulator.faults().setAll(FaultSpec.builder().latency(Duration.ofMillis(latencyMillis)).build());

            Column outcrop = expr("AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '" + SparkTestStack.LOCATION + "')");
            Column naive = callUDF("naive_invoke", lit(MODEL), col("request"));
            // Warm both paths up (class loading, connections, the runtime), on other requests than the measured ones.
            run(stack, 200, "warm", outcrop);
            run(stack, 40, "warm", naive);

            stack.emulator.clearCalls();
            long outcropNanos = run(stack, rows, "outcrop", outcrop);
            long outcropCalls = stack.emulator.callCount("InvokeModel");
            stack.emulator.clearCalls();
            long naiveNanos = run(stack, rows, "naive", naive);
            long naiveCalls = stack.emulator.callCount("InvokeModel");

            System.out.printf(Locale.ROOT, "rows=%d latency=%dms spark=local[2] partitions=2%n", rows, latencyMillis);
            System.out.printf(Locale.ROOT, "outcrop: %.1f s, %d calls (%.0f rows/s)%n", outcropNanos / 1e9, outcropCalls, rows / (outcropNanos / 1e9));
            System.out.printf(Locale.ROOT, "naive UDF: %.1f s, %d calls (%.0f rows/s)%n", naiveNanos / 1e9, naiveCalls, rows / (naiveNanos / 1e9));
            System.out.printf(Locale.ROOT, "ratio (naive time / outcrop time): %.1f%n", (double) naiveNanos / outcropNanos);
        }
    }

    /** Computes the column over {@code rows} requests and discards the result (Spark's noop sink computes every column). */
    private static long run(SparkTestStack stack, int rows, String tag, Column call) {
        Dataset<Row> requests = stack.spark.range(0, rows, 1, 2).withColumn("request", concat(lit(SparkAiFunctionsTest.PREFIX + tag + " "),
                col("id").cast("string"), lit(SparkAiFunctionsTest.SUFFIX)));
        long start = System.nanoTime();
        requests.select(call.as("answer")).write().format("noop").mode("overwrite").save();
        return System.nanoTime() - start;
    }
}
