package dev.outcrop.core.internal.engine;


import dev.outcrop.core.result.Row;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/** Passes a stream through and runs {@code onEnd} once, when it completes, fails or is cancelled. */
public final class EndingPublisher implements Flow.Publisher<Row> {

    private final Flow.Publisher<Row> source;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();

    EndingPublisher(Flow.Publisher<Row> source, Runnable onEnd) {
        this.source = source;
        this.onEnd = onEnd;
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Row> subscriber) {
        source.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        subscription.cancel();
                        end();
                    }
                });
            }

            @Override
            public void onNext(Row item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                end();
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                end();
                subscriber.onComplete();
            }
        });
    }
}
