package dev.outcrop.benchmarks.client;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.InvokeModelRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Our InvokeModel path ({@link BedrockModelRuntime#invokeModel}: per-request credentials, usage from the
 * headers, errors mapped) against a bare {@link BedrockRuntimeAsyncClient#invokeModel} call with the same
 * payload, HTTP/1.1 Netty client and retry mode, one call at a time against the emulator on loopback.
 * The goal: at most 5% more time and allocation per call.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar InvokeModelBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InvokeModelBenchmark {

    static final String MODEL = "amazon.nova-micro-v1:0";
    static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Summarize the quarterly report in one sentence.\"}]}],"
            + "\"inferenceConfig\":{\"maxTokens\":200}}";
    static final AwsCredentials CREDENTIALS = AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);

    private EmulatorProcess emulator;
    private BedrockModelRuntime outcrop;
    private BedrockRuntimeAsyncClient bare;
    private InvokeModelRequest request;
    private AwsRequestOverrideConfiguration perRequestCredentials;

    @Setup(Level.Trial)
    public void start() {
        emulator = EmulatorProcess.start();
        outcrop = BedrockModelRuntime.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).build());
        bare = BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)))
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).maxConcurrency(50).build())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
        request = new InvokeModelRequest(MODEL, BODY, "us-east-1", CREDENTIALS);
        perRequestCredentials = AwsRequestOverrideConfiguration.builder().credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY))).build();
        // Both answer before measuring starts, so neither pays for a first connection inside an iteration.
        if (!outcrop().contains("Echo") || !bareSdk().contains("Echo")) {
            throw new IllegalStateException("the emulator did not answer as expected");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        outcrop.close();
        bare.close();
        emulator.close();
    }

    @Benchmark
    public String outcrop() {
        return outcrop.invokeModel(request).toCompletableFuture().join().body();
    }

    /** The bare call with the credentials given per request, as ours must: what that costs inside the SDK. */
    @Benchmark
    public String bareSdkRequestCredentials() {
        return bare.invokeModel(b -> b.modelId(MODEL).contentType("application/json").accept("application/json").body(SdkBytes.fromUtf8String(BODY))
                        .overrideConfiguration(perRequestCredentials))
                .join().body().asUtf8String();
    }

    @Benchmark
    public String bareSdk() {
        return bare.invokeModel(b -> b.modelId(MODEL).contentType("application/json").accept("application/json").body(SdkBytes.fromUtf8String(BODY)))
                .join().body().asUtf8String();
    }
}
