package dev.outcrop.benchmarks.engine;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.InvokeModelRequest;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline without the engine: the same InvokeModel calls as {@link Rows#novaPerRow} makes (same body, same
 * model runtime, same connection pool), {@code inFlight} at a time, straight from a loop. What the engine adds
 * on top of this is the engine's cost.
 */
final class ClientAlone {

    private static final AwsCredentials KEYS = AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);

    private ClientAlone() {
    }

    /** Wall nanoseconds for {@code count} calls with {@code inFlight} outstanding; fails if any call failed or answered wrong. */
    static long run(BedrockModelRuntime runtime, int first, int count, int inFlight) {
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger wrong = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long n = first + i;
            String body = "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"row " + n + "\"}]}]}";
            slots.acquireUninterruptibly();
            runtime.invokeModel(new InvokeModelRequest(Rows.MODEL, body, "us-east-1", KEYS)).whenComplete((response, failure) -> {
                if (failure != null || !Rows.answersRow(response.body(), n, 0)) {
                    wrong.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquireUninterruptibly(inFlight);
        long wall = System.nanoTime() - start;
        if (wrong.get() > 0) {
            throw new IllegalStateException(wrong.get() + " of " + count + " calls of the client alone failed or answered wrong");
        }
        return wall;
    }
}
