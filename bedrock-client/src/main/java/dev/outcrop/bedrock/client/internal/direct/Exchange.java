package dev.outcrop.bedrock.client.internal.direct;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * One HTTP exchange of a signed request on the SDK's asynchronous HTTP client, its answer read whole. {@link #cancel}
 * cancels the client's own future, which makes the CRT client cancel the stream and close its connection: the
 * request is abandoned on the wire, as the SDK does for a timed-out or cancelled attempt.
 */
final class Exchange implements SdkAsyncHttpResponseHandler {

    /** Bedrock's answers to one call are small; this is where the buffer starts, not a limit. */
    private static final int INITIAL_BODY_BYTES = 1024;

    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private volatile SdkHttpResponse response;
    private volatile CompletableFuture<Void> execution;

    static Exchange start(SdkAsyncHttpClient http, SdkHttpFullRequest request, byte[] body) {
        Exchange exchange = new Exchange();
        exchange.execution = http.execute(AsyncExecuteRequest.builder()
                .request(request)
                .requestContentPublisher(new Content(body))
                .responseHandler(exchange)
                .build());
        exchange.execution.whenComplete((ignored, failure) -> {
            if (failure != null) {
                exchange.answer.completeExceptionally(failure);
            }
        });
        return exchange;
    }

    CompletableFuture<Answer> answer() {
        return answer;
    }

    void cancel() {
        CompletableFuture<Void> running = execution;
        if (running != null) {
            running.cancel(true);
        }
    }

    @Override
    public void onHeaders(SdkHttpResponse headers) {
        this.response = headers;
    }

    @Override
    public void onStream(Publisher<ByteBuffer> stream) {
        stream.subscribe(new Subscriber<>() {
            private final ByteArrayOutputStream body = new ByteArrayOutputStream(INITIAL_BODY_BYTES);

            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                if (chunk.hasArray()) {
                    body.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                }
                else {
                    byte[] copy = new byte[chunk.remaining()];
                    chunk.get(copy);
                    body.write(copy, 0, copy.length);
                }
            }

            @Override
            public void onError(Throwable failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                answer.complete(new Answer(response, body.toByteArray()));
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        answer.completeExceptionally(failure);
    }

    /** The request body, sent in one piece once asked for. */
    private record Content(byte[] body) implements SdkHttpContentPublisher {

        @Override
        public Optional<Long> contentLength() {
            return Optional.of((long) body.length);
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Subscription() {
                private boolean sent;

                @Override
                public void request(long n) {
                    if (sent || n <= 0) {
                        return;
                    }
                    sent = true;
                    subscriber.onNext(ByteBuffer.wrap(body).asReadOnlyBuffer());
                    subscriber.onComplete();
                }

                @Override
                public void cancel() {
                    sent = true;
                }
            });
        }
    }
}
