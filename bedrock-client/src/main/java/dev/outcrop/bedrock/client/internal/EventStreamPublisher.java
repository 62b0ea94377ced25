package dev.outcrop.bedrock.client.internal;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.port.StreamEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Subscriber;

/**
 * A cold publisher of one model's response stream: every subscription makes its own SDK call.
 *
 * @param <E> the SDK's event type
 */
public final class EventStreamPublisher<E> implements Flow.Publisher<StreamEvent> {

    private final Supplier<StreamDecoder<E>> decoders;
    private final Function<Subscriber<E>, CompletableFuture<?>> call;

    private EventStreamPublisher(Supplier<StreamDecoder<E>> decoders, Function<Subscriber<E>, CompletableFuture<?>> call) {
        this.decoders = decoders;
        this.call = call;
    }

    /** @param call starts the SDK call, whose event stream it subscribes the given subscriber to */
    public static <E> EventStreamPublisher<E> of(Supplier<StreamDecoder<E>> decoders, Function<Subscriber<E>, CompletableFuture<?>> call) {
        return new EventStreamPublisher<>(decoders, call);
    }

    public static EventStreamPublisher<software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput> converse(
            Function<Subscriber<software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput>, CompletableFuture<?>> call) {
        return of(ConverseStreamDecoder::new, call);
    }

    public static EventStreamPublisher<software.amazon.awssdk.services.bedrockruntime.model.ResponseStream> invokeModel(
            Function<Subscriber<software.amazon.awssdk.services.bedrockruntime.model.ResponseStream>, CompletableFuture<?>> call) {
        return of(InvokeStreamDecoder::new, call);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber is null");
        StreamBridge<E> bridge = new StreamBridge<>(subscriber, decoders.get(), OutcropErrorCode.MODEL_INVOCATION_FAILED);
        subscriber.onSubscribe(bridge);
        CompletableFuture<?> started;
        try {
            started = call.apply(bridge);
        }
        catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        bridge.attach(started);
    }
}
