package dev.outcrop.bedrock.client.internal;

import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.port.StreamCompletion;
import dev.outcrop.core.port.StreamEvent;
import dev.outcrop.core.port.TextDelta;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Connects one SDK event stream (a Reactive Streams publisher) to one {@link Flow.Subscriber}. The SDK
 * is asked for one event at a time and only while the subscriber has demand, so a slow subscriber
 * slows the HTTP stream down instead of filling a buffer. All signals to the subscriber go through one
 * serialized drain loop, whichever thread (Netty's, the subscriber's) triggers them.
 */
final class StreamBridge<E> implements Subscriber<E>, Flow.Subscription {

    private final Flow.Subscriber<? super StreamEvent> downstream;
    private final StreamDecoder<E> decoder;
    private final OutcropErrorCode code;
    private final Queue<StreamEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile Subscription upstream;
    private volatile boolean upstreamRequested;
    private volatile boolean upstreamDone;
    private volatile boolean cancelled;
    private volatile OutcropException error;
    private volatile CompletableFuture<?> call;

    StreamBridge(Flow.Subscriber<? super StreamEvent> downstream, StreamDecoder<E> decoder, OutcropErrorCode code) {
        this.downstream = downstream;
        this.decoder = decoder;
        this.code = code;
    }

    /** The SDK call carrying the stream: cancelled with the subscription, and its failure ends the stream. */
    void attach(CompletableFuture<?> sdkCall) {
        this.call = sdkCall;
        sdkCall.whenComplete((ignored, failure) -> {
            if (failure != null) {
                fail(failure);
            }
        });
        if (cancelled) {
            sdkCall.cancel(true);
        }
    }

    void fail(Throwable failure) {
        if (error == null) {
            error = ErrorMapping.map(failure, code);
        }
        drain();
    }

    // Flow.Subscription, called by our subscriber.

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("request(" + n + "): a subscriber must request a positive number of events (rule 3.9)"));
            return;
        }
        demand.getAndAccumulate(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        terminated.set(true);
        Subscription current = upstream;
        if (current != null) {
            current.cancel();
        }
        CompletableFuture<?> sdkCall = call;
        if (sdkCall != null) {
            // Aborts the HTTP exchange: Netty closes the connection instead of reading the rest of the stream.
            sdkCall.cancel(true);
        }
    }

    // Reactive Streams Subscriber, called by the SDK.

    @Override
    public void onSubscribe(Subscription subscription) {
        upstream = subscription;
        if (cancelled) {
            subscription.cancel();
            return;
        }
        drain();
    }

    @Override
    public void onNext(E event) {
        upstreamRequested = false;
        String text;
        try {
            text = decoder.text(event);
        }
        catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (text != null && !text.isEmpty()) {
            queue.offer(new TextDelta(text));
        }
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        fail(failure);
    }

    @Override
    public void onComplete() {
        StreamCompletion completion = decoder.completion();
        if (completion == null) {
            fail(new InvocationException(code, "StreamIncomplete", 0, true,
                    "the response stream ended before the model finished its answer (no final frame); retry the call", null));
            return;
        }
        queue.offer(completion);
        upstreamDone = true;
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (cancelled) {
                queue.clear();
                return;
            }
            while (demand.get() > 0 && !queue.isEmpty()) {
                StreamEvent event = queue.poll();
                demand.decrementAndGet();
                downstream.onNext(event);
                if (cancelled) {
                    return;
                }
            }
            OutcropException failure = error;
            if (failure != null) {
                if (terminated.compareAndSet(false, true)) {
                    queue.clear();
                    cancelUpstream();
                    downstream.onError(failure);
                }
                return;
            }
            if (upstreamDone && queue.isEmpty()) {
                if (terminated.compareAndSet(false, true)) {
                    downstream.onComplete();
                }
                return;
            }
            Subscription current = upstream;
            if (current != null && !upstreamDone && !upstreamRequested && queue.isEmpty() && demand.get() > 0) {
                upstreamRequested = true;
                current.request(1);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void cancelUpstream() {
        Subscription current = upstream;
        if (current != null) {
            current.cancel();
        }
    }
}
