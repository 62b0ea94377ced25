package dev.outcrop.bedrock.client;

import dev.outcrop.core.port.StreamCompletion;
import dev.outcrop.core.port.StreamEvent;
import dev.outcrop.core.port.TextDelta;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Records what a stream delivers; requests nothing by itself unless built with an initial demand. */
final class RecordingSubscriber implements Flow.Subscriber<StreamEvent> {

    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final long initialDemand;
    private volatile Flow.Subscription subscription;

    RecordingSubscriber(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    static RecordingSubscriber unbounded() {
        return new RecordingSubscriber(Long.MAX_VALUE);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (initialDemand > 0) {
            subscription.request(initialDemand);
        }
    }

    @Override
    public void onNext(StreamEvent item) {
        events.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    void request(long n) {
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }

    String text() {
        return events.stream().filter(TextDelta.class::isInstance).map(e -> ((TextDelta) e).text()).collect(Collectors.joining());
    }

    long deltas() {
        return events.stream().filter(TextDelta.class::isInstance).count();
    }

    StreamCompletion completion() {
        return events.stream().filter(StreamCompletion.class::isInstance).map(StreamCompletion.class::cast).findFirst().orElse(null);
    }

    /** Waits for the end; returns the failure, or null for a normal completion. */
    Throwable awaitEnd() {
        try {
            done.get(30, TimeUnit.SECONDS);
            return null;
        }
        catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        catch (Exception e) {
            throw new AssertionError("the stream did not end", e);
        }
    }
}
