package dev.outcrop.core.internal;

import dev.outcrop.core.result.Row;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes rows whose values are being computed, in row order, as far as the subscriber's demand
 * allows. A failed row ends the stream with its error. Signals are serialized by a work-in-progress
 * counter, so onNext is never called concurrently or re-entrantly.
 */
final class OrderedRowPublisher implements Flow.Publisher<Row> {

    private final List<CompletableFuture<Object[]>> rows;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    OrderedRowPublisher(List<CompletableFuture<Object[]>> rows) {
        this.rows = rows;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Row> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("a query's rows can be subscribed to once; run the query again for another subscriber"));
            return;
        }
        Emitter emitter = new Emitter(subscriber);
        subscriber.onSubscribe(emitter);
        for (CompletableFuture<Object[]> row : rows) {
            row.whenComplete((values, failure) -> emitter.drain());
        }
        emitter.drain();
    }

    private final class Emitter implements Flow.Subscription {
        private final Flow.Subscriber<? super Row> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean done;
        private int next;

        Emitter(Flow.Subscriber<? super Row> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + "): the demand must be positive (reactive streams rule 3.9)"));
                return;
            }
            demand.accumulateAndGet(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
            drain();
        }

        @Override
        public void cancel() {
            done = true;
        }

        void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done && next < rows.size() && demand.get() > 0 && rows.get(next).isDone()) {
                    CompletableFuture<Object[]> row = rows.get(next++);
                    if (row.isCompletedExceptionally()) {
                        done = true;
                        subscriber.onError(Engine.unwrap(row.handle((values, failure) -> failure).join()));
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(Row.of(row.join()));
                }
                if (!done && next == rows.size()) {
                    done = true;
                    subscriber.onComplete();
                }
            } while (work.decrementAndGet() != 0);
        }
    }
}
