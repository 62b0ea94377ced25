package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A call to a component still being made waits for it, asks for it at once, and is cancelled and failed as a direct call would be. */
final class DeferredTest {

    private final CompletableFuture<Component> component = new CompletableFuture<>();
    private final AtomicInteger demanded = new AtomicInteger();
    private final Deferred<Component> deferred = new Deferred<>(component, demanded::incrementAndGet, "the test's component");

    @Test
    void aCallBeforeTheComponentIsReady_demandsIt_andIsMadeOnceItIs() {
        Component made = new Component();

        CompletableFuture<String> answer = deferred.call(c -> c.echo("hello")).toCompletableFuture();

        assertThat(demanded).hasValue(1);
        assertThat(answer).isNotDone();
        assertThat(made.calls).isEmpty();
        component.complete(made);
        made.pending.get(0).complete("echo: hello");
        assertThat(answer.join()).isEqualTo("echo: hello");
    }

    @Test
    void aCallOnceTheComponentIsReady_goesStraightToIt() {
        Component made = new Component();
        component.complete(made);

        CompletionStage<String> answer = deferred.call(c -> c.echo("hello"));

        assertThat(answer).isSameAs(made.pending.get(0));
        assertThat(demanded).hasValue(0);
    }

    @Test
    void cancelledBeforeTheComponentIsReady_theCallIsNeverMade() {
        Component made = new Component();
        CompletableFuture<String> answer = deferred.call(c -> c.echo("hello")).toCompletableFuture();

        answer.cancel(true);
        component.complete(made);

        assertThat(made.calls).isEmpty();
    }

    @Test
    void cancelledAfterTheCallWasMade_cancelsTheCall() {
        Component made = new Component();
        CompletableFuture<String> answer = deferred.call(c -> c.echo("hello")).toCompletableFuture();
        component.complete(made);

        answer.cancel(true);

        assertThat(made.pending.get(0)).isCancelled();
    }

    @Test
    void aFailedCall_failsWithTheCallsOwnError() {
        Component made = new Component();
        CompletableFuture<String> answer = deferred.call(c -> c.echo("hello")).toCompletableFuture();
        component.complete(made);

        made.pending.get(0).completeExceptionally(new OutcropException(OutcropErrorCode.MODEL_INVOCATION_FAILED, "refused"));

        assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(OutcropException.class).hasMessage("refused");
    }

    @Test
    void aComponentThatCouldNotBeMade_failsTheCall_namingItAndWhy() {
        CompletableFuture<String> answer = deferred.call(c -> c.echo("hello")).toCompletableFuture();

        component.completeExceptionally(new IllegalStateException("port in use"));

        assertThatThrownBy(answer::join).cause().isInstanceOf(OutcropException.class)
                .hasMessageContaining("the test's component could not be started").hasMessageContaining("port in use")
                .satisfies(e -> assertThat(((OutcropException) e).errorCode()).isEqualTo(OutcropErrorCode.INTERNAL.toErrorCode()));
    }

    @Test
    void aPublisherBeforeTheComponentIsReady_subscribesToTheComponentsOnceItIs() throws Exception {
        Component made = new Component();
        Flow.Publisher<String> publisher = deferred.publisher(Component::stream);
        List<String> received = new ArrayList<>();
        CompletableFuture<Void> completed = new CompletableFuture<>();

        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                received.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                completed.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                completed.complete(null);
            }
        });
        assertThat(demanded).hasValue(1);
        component.complete(made);

        completed.join();
        assertThat(received).containsExactly("a", "b");
    }

    @Test
    void aPublisherOfAComponentThatCouldNotBeMade_signalsTheError() {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        deferred.publisher(Component::stream).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
            }

            @Override
            public void onNext(String item) {
            }

            @Override
            public void onError(Throwable throwable) {
                failed.complete(throwable);
            }

            @Override
            public void onComplete() {
            }
        });

        component.completeExceptionally(new IllegalStateException("port in use"));

        assertThat(failed.join()).isInstanceOf(OutcropException.class).hasMessageContaining("port in use");
    }

    private static final class Component {
        final List<String> calls = new ArrayList<>();
        final List<CompletableFuture<String>> pending = new ArrayList<>();

        CompletionStage<String> echo(String text) {
            calls.add(text);
            CompletableFuture<String> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        }

        Flow.Publisher<String> stream() {
            return subscriber -> {
                SubmissionPublisher<String> publisher = new SubmissionPublisher<>(Runnable::run, 4);
                publisher.subscribe(subscriber);
                publisher.submit("a");
                publisher.submit("b");
                publisher.close();
            };
        }
    }
}
