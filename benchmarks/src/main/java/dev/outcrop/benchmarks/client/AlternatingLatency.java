package dev.outcrop.benchmarks.client;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.core.port.InvokeModelRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Latency of our InvokeModel path and of bare SDK calls, measured in turns (one call of each, over and over)
 * so that all see the same machine load: on a shared machine, benchmarks run one after the other can differ
 * by more than the 5% being measured. Besides the plain bare call, two bare variants show what our two
 * requirements cost inside the SDK itself: credentials given per request ({@code bareRequestCredentials}) and
 * the per-attempt and total timeouts ({@code bareTimeouts}). Prints the median and mean of each and their
 * ratios to the plain bare call. Allocation is measured by {@link InvokeModelBenchmark} with {@code -prof gc}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.client.AlternatingLatency [seconds]
 * </pre>
 */
public final class AlternatingLatency {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY));

    private AlternatingLatency() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (EmulatorProcess emulator = EmulatorProcess.start();
             BedrockModelRuntime outcrop = BedrockModelRuntime.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).build());
             BedrockRuntimeAsyncClient bare = bareClient(emulator.endpoint(), ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build());
             BedrockRuntimeAsyncClient timed = bareClient(emulator.endpoint(), ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                     .apiCallTimeout(BedrockClientConfig.DEFAULT_API_CALL_TIMEOUT).apiCallAttemptTimeout(BedrockClientConfig.DEFAULT_API_CALL_ATTEMPT_TIMEOUT).build())) {
            InvokeModelRequest request = new InvokeModelRequest(InvokeModelBenchmark.MODEL, InvokeModelBenchmark.BODY, "us-east-1",
                    InvokeModelBenchmark.CREDENTIALS);
            AwsRequestOverrideConfiguration perRequest = AwsRequestOverrideConfiguration.builder().credentialsProvider(CREDENTIALS).build();
            Map<String, Supplier<String>> calls = new LinkedHashMap<>();
            calls.put("outcrop", () -> outcrop.invokeModel(request).toCompletableFuture().join().body());
            calls.put("bareSdk", () -> bareCall(bare, null));
            calls.put("bareRequestCredentials", () -> bareCall(bare, perRequest));
            calls.put("bareTimeouts", () -> bareCall(timed, null));
            report(calls, seconds, "bareSdk");
        }
    }

    /** Warms up, measures in turns, and prints each call's median and mean and their ratios to the baseline's. */
    static void report(Map<String, Supplier<String>> calls, int seconds, String baseline) {
        run(calls, Math.max(2, seconds / 4));                 // warm-up, thrown away
        Map<String, long[]> samples = run(calls, seconds);
        long[] base = samples.get(baseline);
        for (Map.Entry<String, long[]> entry : samples.entrySet()) {
            long[] s = entry.getValue();
            System.out.printf("%-23s n=%d  p50=%8.1f us  p90=%8.1f us  mean=%8.1f us  ratio to %s: p50 %.3f, mean %.3f%n",
                    entry.getKey(), s.length, percentile(s, 0.5) / 1e3, percentile(s, 0.9) / 1e3, mean(s) / 1e3, baseline,
                    percentile(s, 0.5) / percentile(base, 0.5), mean(s) / mean(base));
        }
    }

    private static BedrockRuntimeAsyncClient bareClient(URI endpoint, ClientOverrideConfiguration overrides) {
        return BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).maxConcurrency(50).build())
                .overrideConfiguration(overrides)
                .build();
    }

    private static String bareCall(BedrockRuntimeAsyncClient client, AwsRequestOverrideConfiguration perRequest) {
        return client.invokeModel(b -> {
            b.modelId(InvokeModelBenchmark.MODEL).contentType("application/json").accept("application/json")
                    .body(SdkBytes.fromUtf8String(InvokeModelBenchmark.BODY));
            if (perRequest != null) {
                b.overrideConfiguration(perRequest);
            }
        }).join().body().asUtf8String();
    }

    static Map<String, long[]> run(Map<String, Supplier<String>> calls, int seconds) {
        String[] names = calls.keySet().toArray(String[]::new);
        long[][] samples = new long[names.length][1 << 20];
        int[] counts = new int[names.length];
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        for (int turn = 0; System.nanoTime() < end; turn++) {
            // Rotate which goes first, so that none always follows the same other.
            for (int i = 0; i < names.length; i++) {
                int which = (i + turn) % names.length;
                long start = System.nanoTime();
                if (calls.get(names[which]).get().isEmpty()) {
                    throw new IllegalStateException(names[which] + " answered with an empty body");
                }
                if (counts[which] < samples[which].length) {
                    samples[which][counts[which]++] = System.nanoTime() - start;
                }
            }
        }
        Map<String, long[]> result = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            result.put(names[i], Arrays.copyOf(samples[i], counts[i]));
        }
        return result;
    }

    static double percentile(long[] samples, double p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    static double mean(long[] samples) {
        return Arrays.stream(samples).average().orElse(Double.NaN);
    }
}
