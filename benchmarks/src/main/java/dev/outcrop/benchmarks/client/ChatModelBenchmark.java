package dev.outcrop.benchmarks.client;

import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.core.port.ConverseRequest;
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
import org.springframework.ai.bedrock.converse.BedrockChatOptions;
import org.springframework.ai.bedrock.converse.BedrockProxyChatModel;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The same one-message chat (Converse, Nova Micro, same prompt) through our {@link BedrockModelRuntime#converse},
 * LangChain4j's {@link BedrockChatModel} (1.11.0) and Spring AI's {@link BedrockProxyChatModel} (1.1.0), one call
 * at a time against the emulator on loopback. Both frameworks call Bedrock through the SDK's synchronous client
 * (their default, on the SDK's default Apache HTTP client); ours asynchronously on its default transport
 * ({@code outcrop}) and with its blocking call on the caller's thread ({@code outcropBlocking}, the SDK's sync client
 * on Apache HttpClient 5).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ChatModelBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChatModelBenchmark {

    static final String PROMPT = "Summarize the quarterly report in one sentence.";

    private EmulatorProcess emulator;
    private BedrockModelRuntime outcrop;
    private BedrockModelRuntime outcropNetty;
    private BedrockModelRuntime outcropCrt;
    private BedrockModelRuntime outcropDirect;
    private ConverseRequest request;
    private BedrockRuntimeClient syncClient;
    private BedrockRuntimeAsyncClient asyncClient;
    private BedrockChatModel langChain4j;
    private BedrockProxyChatModel springAi;

    @Setup(Level.Trial)
    public void start() {
        emulator = EmulatorProcess.start();
        outcrop = BedrockModelRuntime.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).build());
        outcropNetty = BedrockModelRuntime.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint())
                .transport(BedrockClientConfig.Transport.NETTY).build());
        outcropCrt = BedrockModelRuntime.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint())
                .transport(BedrockClientConfig.Transport.CRT).build());
        outcropDirect = BedrockModelRuntime.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint())
                .transport(BedrockClientConfig.Transport.DIRECT).build());
        request = new ConverseRequest(InvokeModelBenchmark.MODEL, PROMPT, "us-east-1", InvokeModelBenchmark.CREDENTIALS);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY));
        syncClient = BedrockRuntimeClient.builder().region(Region.US_EAST_1).endpointOverride(emulator.endpoint())
                .credentialsProvider(credentials).build();
        asyncClient = BedrockRuntimeAsyncClient.builder().region(Region.US_EAST_1).endpointOverride(emulator.endpoint())
                .credentialsProvider(credentials)
                .httpClientBuilder(software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient.builder()
                        .protocol(software.amazon.awssdk.http.Protocol.HTTP1_1))
                .build();
        langChain4j = BedrockChatModel.builder().client(syncClient).region(Region.US_EAST_1).modelId(InvokeModelBenchmark.MODEL).build();
        springAi = BedrockProxyChatModel.builder()
                .credentialsProvider(credentials)
                .region(Region.US_EAST_1)
                .bedrockRuntimeClient(syncClient)
                .bedrockRuntimeAsyncClient(asyncClient)
                .defaultOptions(BedrockChatOptions.builder().model(InvokeModelBenchmark.MODEL).build())
                .build();
        for (String answer : new String[] {outcrop(), outcropBlocking(), outcropNetty(), outcropCrt(), outcropDirect(), langChain4j(), springAi()}) {
            if (!answer.equals("Echo: " + PROMPT)) {
                throw new IllegalStateException("unexpected answer from the emulator: " + answer.length() + " chars");
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        outcrop.close();
        outcropNetty.close();
        outcropCrt.close();
        outcropDirect.close();
        syncClient.close();
        asyncClient.close();
        emulator.close();
    }

    @Benchmark
    public String outcrop() {
        return outcrop.converse(request).toCompletableFuture().join().text();
    }

    /** Ours with the blocking call on the caller's thread (the SDK's sync client on Apache HttpClient 5). */
    @Benchmark
    public String outcropBlocking() {
        return outcrop.converseBlocking(request).text();
    }

    /** Ours on the default transport. */
    BedrockModelRuntime outcropRuntime() {
        return outcrop;
    }

    /** Ours on the Netty transport, for {@link TransportComparison}. */
    BedrockModelRuntime outcropNettyRuntime() {
        return outcropNetty;
    }

    String outcropNetty() {
        return outcropNetty.converse(request).toCompletableFuture().join().text();
    }

    /** Ours on the DIRECT transport, for {@link TransportComparison}. */
    BedrockModelRuntime outcropDirectRuntime() {
        return outcropDirect;
    }

    String outcropDirect() {
        return outcropDirect.converse(request).toCompletableFuture().join().text();
    }

    /** Ours on the CRT transport, for {@link TransportComparison}. */
    BedrockModelRuntime outcropCrtRuntime() {
        return outcropCrt;
    }

    String outcropCrt() {
        return outcropCrt.converse(request).toCompletableFuture().join().text();
    }

    ConverseRequest request() {
        return request;
    }

    /** The same Converse call on a bare async SDK client (Netty, HTTP/1.1), for {@link ChatAlternatingLatency}. */
    String bareAsyncSdk() {
        return asyncClient.converse(converse()).join().output().message().content().get(0).text();
    }

    java.util.concurrent.CompletableFuture<?> bareAsyncSdkCall() {
        return asyncClient.converse(converse());
    }

    /** The same Converse call on the bare sync SDK client the frameworks use, for {@link ChatAlternatingLatency}. */
    String bareSyncSdk() {
        return syncClient.converse(converse()).output().message().content().get(0).text();
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest converse() {
        return software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest.builder()
                .modelId(InvokeModelBenchmark.MODEL)
                .messages(software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
                        .role(software.amazon.awssdk.services.bedrockruntime.model.ConversationRole.USER)
                        .content(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText(PROMPT)).build())
                .build();
    }

    @Benchmark
    public String langChain4j() {
        return langChain4j.chat(PROMPT);
    }

    @Benchmark
    public String springAi() {
        return springAi.call(PROMPT);
    }
}
