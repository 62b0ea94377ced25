package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.StreamEvent;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A {@link ModelRuntime} that is still being made: each call waits for it (see {@link Deferred}). Its concurrency limit is
 * known beforehand, since core reads it when it is built.
 */
final class DeferredModelRuntime implements ModelRuntime {

    private final Deferred<? extends ModelRuntime> runtime;
    private final int maxConcurrentCalls;

    DeferredModelRuntime(Deferred<? extends ModelRuntime> runtime, int maxConcurrentCalls) {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    @Override
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    @Override
    public CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
        return runtime.call(made -> made.invokeModel(request));
    }

    @Override
    public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
        return runtime.call(made -> made.converse(request));
    }

    @Override
    public Flow.Publisher<StreamEvent> invokeModelStream(InvokeModelRequest request) {
        return runtime.publisher(made -> made.invokeModelStream(request));
    }

    @Override
    public Flow.Publisher<StreamEvent> converseStream(ConverseRequest request) {
        return runtime.publisher(made -> made.converseStream(request));
    }

    /** The runtime is closed by whoever made it (the closer), not through this view of it. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        ModelRuntime ready = runtime.readyOrNull();
        return "DeferredModelRuntime[" + (ready == null ? "starting" : ready) + "]";
    }
}
