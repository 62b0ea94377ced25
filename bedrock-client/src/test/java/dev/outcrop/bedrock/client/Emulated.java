package dev.outcrop.bedrock.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.InvokeModelRequest;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the tests share: the emulator's identities, a config pointing at it, request bodies, waiting. */
final class Emulated {

    static final String NOVA = "amazon.nova-micro-v1:0";
    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String REGION = "us-east-1";
    static final AwsCredentials DEPLOYMENT = AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);
    static final AwsCredentials RESTRICTED = AwsCredentials.of(EmulatorConfig.RESTRICTED_ACCESS_KEY_ID, EmulatorConfig.RESTRICTED_SECRET_ACCESS_KEY);

    private Emulated() {
    }

    /**
     * The transport every test runs on: the default, or the one the build names in {@code outcrop.test.transport}
     * (the pom runs the whole suite once more on each other transport).
     */
    static final BedrockClientConfig.Transport TRANSPORT = BedrockClientConfig.Transport.valueOf(
            System.getProperty("outcrop.test.transport", BedrockClientConfig.builder().build().transport().name()));

    /** The protocols the test transport speaks: CRT and DIRECT only HTTP/1.1 (their config refuses HTTP/2, as ConfigTest shows). */
    static java.util.stream.Stream<BedrockClientConfig.Protocol> protocols() {
        return TRANSPORT != BedrockClientConfig.Transport.NETTY ? java.util.stream.Stream.of(BedrockClientConfig.Protocol.HTTP1_1)
                : java.util.Arrays.stream(BedrockClientConfig.Protocol.values());
    }

    /** The name the transport's I/O threads start with. */
    static String ioThreadPrefix() {
        return TRANSPORT != BedrockClientConfig.Transport.NETTY ? "AwsEventLoop" : "outcrop-bedrock";
    }

    /** Short backoffs so that retry tests stay fast; everything else at its default. */
    static BedrockClientConfig.Builder config(BedrockEmulator emulator) {
        return BedrockClientConfig.builder()
                .transport(TRANSPORT)
                .bedrockEndpoint(emulator.endpoint())
                .retryBaseDelay(Duration.ofMillis(1))
                .throttlingBaseDelay(Duration.ofMillis(2))
                .retryMaxBackoff(Duration.ofMillis(20));
    }

    static String novaBody(String text) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + text + "\"}]}],\"inferenceConfig\":{\"maxTokens\":500}}";
    }

    static String claudeBody(String text) {
        return "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    static InvokeModelRequest nova(String text) {
        return new InvokeModelRequest(NOVA, novaBody(text), REGION, DEPLOYMENT);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new AssertionError("the call failed or hung", e);
        }
    }

    static InvocationException failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
        catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(InvocationException.class);
            return (InvocationException) e.getCause();
        }
        throw new AssertionError("the call succeeded but was expected to fail");
    }

    /** Waits for something the emulator observes asynchronously (a closed connection); fails after 10 s. */
    static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
