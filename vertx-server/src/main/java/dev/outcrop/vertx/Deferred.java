package dev.outcrop.vertx;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * A component being made in the background, and the calls that wait for it: the demo's AWS SDK clients, made after the
 * first answer ({@link StartupGate}). A call made before the component is ready waits for it without blocking a
 * thread, and asks for it to be started at once ({@code demand}); once it is ready, calls go straight to it.
 */
final class Deferred<T> {

    private final CompletableFuture<T> component;
    private final Runnable demand;
    private final String what;

    /**
     * @param component completes with the component, or fails with why it could not be made
     * @param demand    starts making it now if it has not started (idempotent, quick)
     * @param what      names the component in the error a call gets when it could not be made
     */
    Deferred(CompletableFuture<T> component, Runnable demand, String what) {
        this.component = requireNonNull(component, "component is null");
        this.demand = requireNonNull(demand, "demand is null");
        this.what = requireNonNull(what, "what is null");
    }

    /** The component if it is ready, else null. */
    T readyOrNull() {
        return component.isDone() && !component.isCompletedExceptionally() ? component.join() : null;
    }

    /**
     * {@code call} on the component, once it is ready. Cancelling the returned future (as core does when its statement
     * is cancelled) cancels the call if it was made, and otherwise keeps it from being made.
     */
    <R> CompletionStage<R> call(Function<T, CompletionStage<R>> call) {
        T ready = readyOrNull();
        if (ready != null) {
            return call.apply(ready);
        }
        demand.run();
        CompletableFuture<R> answer = new CompletableFuture<>();
        component.whenComplete((made, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(notMade(failure));
                return;
            }
            if (answer.isDone()) {
                return;
            }
            CompletableFuture<R> inner;
            try {
                inner = call.apply(made).toCompletableFuture();
            }
            catch (RuntimeException e) {
                answer.completeExceptionally(e);
                return;
            }
            answer.whenComplete((result, cancelled) -> {
                if (answer.isCancelled()) {
                    inner.cancel(true);
                }
            });
            inner.whenComplete((result, innerFailure) -> {
                if (innerFailure != null) {
                    answer.completeExceptionally(innerFailure instanceof CompletionException && innerFailure.getCause() != null
                            ? innerFailure.getCause() : innerFailure);
                }
                else {
                    answer.complete(result);
                }
            });
        });
        return answer;
    }

    /** {@code subscribe} to the component's publisher once the component is ready. */
    <E> Flow.Publisher<E> publisher(Function<T, Flow.Publisher<E>> publisher) {
        T ready = readyOrNull();
        if (ready != null) {
            return publisher.apply(ready);
        }
        return subscriber -> {
            demand.run();
            component.whenComplete((made, failure) -> {
                Flow.Publisher<E> delegate;
                try {
                    if (failure != null) {
                        throw notMade(failure);
                    }
                    delegate = publisher.apply(made);
                }
                catch (RuntimeException e) {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                        }

                        @Override
                        public void cancel() {
                        }
                    });
                    subscriber.onError(e);
                    return;
                }
                delegate.subscribe(subscriber);
            });
        };
    }

    private OutcropException notMade(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return new OutcropException(OutcropErrorCode.INTERNAL, what + " could not be started, so this statement cannot run: "
                + cause.getMessage() + " (see the server's output; restart it to try again)", cause);
    }
}
