package dev.outcrop.core.port;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Calls models. {@code outcrop-bedrock-client} implements it with the AWS SDK's Bedrock Runtime client.
 *
 * <p>Failures: the service's and the network's as {@link dev.outcrop.core.error.InvocationException}; the runtime's own
 * local limits as {@link OutcropException} with {@link OutcropErrorCode#LOCAL_CAPACITY_EXHAUSTED}.
 *
 * <p>Cancellation: core cancels {@code toCompletableFuture()} of a stage returned by {@link #invokeModel}
 * or {@link #converse} when the statement that made the call is cancelled; an implementation aborts the
 * request then (the HTTP/2 stream is reset, or the connection closed), so no answer is waited for.
 */
public interface ModelRuntime extends AutoCloseable {

    /**
     * How many calls this runtime can have in flight at once without queueing them itself (its HTTP
     * connection pool, say). Core never has more calls in flight than this, so a call waits in core's
     * scheduler, where it can be cancelled and counted, rather than in the runtime's pool, where it
     * could time out. {@link Integer#MAX_VALUE} (the default) means the runtime sets no limit of its own.
     */
    default int maxConcurrentCalls() {
        return Integer.MAX_VALUE;
    }

    /** Bedrock InvokeModel: raw body in, raw body out. */
    CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request);

    /** Bedrock Converse with one user message. */
    CompletionStage<ConverseResponse> converse(ConverseRequest request);

    /**
     * Bedrock InvokeModelWithResponseStream: the same request as {@link #invokeModel}, answered as text
     * deltas and a final {@link StreamCompletion}. The publisher is cold: each subscription makes one call.
     * It honours demand, and cancelling the subscription closes the HTTP stream. Failures arrive through
     * {@code onError} as {@link dev.outcrop.core.error.InvocationException}, also after deltas were delivered; a local
     * limit of the runtime's own (its connection pool exhausted) arrives as an {@link OutcropException} with
     * {@link OutcropErrorCode#LOCAL_CAPACITY_EXHAUSTED} instead, since it is not the service's failure.
     *
     * @throws OutcropException with {@link OutcropErrorCode#NOT_SUPPORTED} when the runtime cannot stream
     */
    default Flow.Publisher<StreamEvent> invokeModelStream(InvokeModelRequest request) {
        throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED,
                getClass().getSimpleName() + " cannot stream InvokeModel responses; call invokeModel instead");
    }

    /**
     * Bedrock ConverseStream with one user message, with the same contract as {@link #invokeModelStream}.
     *
     * @throws OutcropException with {@link OutcropErrorCode#NOT_SUPPORTED} when the runtime cannot stream
     */
    default Flow.Publisher<StreamEvent> converseStream(ConverseRequest request) {
        throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED,
                getClass().getSimpleName() + " cannot stream Converse responses; call converse instead");
    }

    @Override
    default void close() {
    }
}
