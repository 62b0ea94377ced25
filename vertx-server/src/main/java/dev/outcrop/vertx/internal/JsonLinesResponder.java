package dev.outcrop.vertx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.outcrop.core.result.Row;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.Flow;

/**
 * Writes a streamed SELECT as JSONLines_Compact: after the START record (written by the caller), a DATA
 * record for the rows that are ready, each as soon as it and the rows before it are computed, then
 * FINISH_SUCCESSFULLY, or FINISH_WITH_ERRORS with the error list Firebolt's SDKs read.
 *
 * <p>Rows are rendered to JSON on the engine's thread that hands them over; the response is touched only
 * on the request's Vert.x context. Demand follows the socket: rows are requested again only when the
 * response's write queue has room, so a slow reader slows the engine instead of filling memory.
 */
final class JsonLinesResponder implements Flow.Subscriber<Row> {

    /** Rows asked for at a time, and the most rows in one DATA record. */
    private static final int BATCH = 256;
    /** How long a ready row may wait for company before its DATA record is written. */
    private static final long LINGER_MILLIS = 20;

    private final Context context;
    private final HttpServerResponse response;
    private final String queryId;
    private final long startedNanos;
    private final Runnable onEnd;
    private Flow.Subscription subscription;
    // The fields below are touched only on the context's thread.
    private ArrayNode pending = JsonNodeFactory.instance.arrayNode();
    private long timer = -1;
    private long rows;
    private boolean done;

    JsonLinesResponder(Context context, HttpServerResponse response, String queryId, long startedNanos, Runnable onEnd) {
        this.context = context;
        this.response = response;
        this.queryId = queryId;
        this.startedNanos = startedNanos;
        this.onEnd = onEnd;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        context.runOnContext(ignored -> {
            if (response.closed()) {
                subscription.cancel();
                return;
            }
            response.closeHandler(closed -> cancel());
            subscription.request(BATCH);
        });
    }

    @Override
    public void onNext(Row row) {
        JsonNode rendered = ResultFormats.rowNode(row);
        context.runOnContext(ignored -> add(rendered));
    }

    @Override
    public void onError(Throwable failure) {
        context.runOnContext(ignored -> {
            if (done) {
                return;
            }
            flush();
            finish(ResultFormats.errorRecord(ErrorResponses.errors(failure, queryId), rows, elapsed()));
        });
    }

    @Override
    public void onComplete() {
        context.runOnContext(ignored -> {
            if (done) {
                return;
            }
            flush();
            finish(ResultFormats.finishRecord(rows, elapsed()));
        });
    }

    private void add(JsonNode row) {
        if (done) {
            return;
        }
        pending.add(row);
        rows++;
        if (pending.size() >= BATCH) {
            flush();
        }
        else if (timer < 0) {
            timer = context.owner().setTimer(LINGER_MILLIS, id -> {
                timer = -1;
                flush();
            });
        }
    }

    private void flush() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
        if (pending.isEmpty() || done) {
            return;
        }
        int written = pending.size();
        response.write(Buffer.buffer(ResultFormats.dataRecord(pending) + "\n"));
        pending = JsonNodeFactory.instance.arrayNode();
        if (response.writeQueueFull()) {
            response.drainHandler(ignored -> subscription.request(written));
        }
        else {
            subscription.request(written);
        }
    }

    private void finish(String lastRecord) {
        done = true;
        if (!response.closed()) {
            response.end(lastRecord + "\n");
        }
        onEnd.run();
    }

    /** The client went away: stop the statement, so that no more model calls are made for it. */
    private void cancel() {
        if (!done) {
            done = true;
            subscription.cancel();
            onEnd.run();
        }
    }

    private double elapsed() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
