package dev.outcrop.core.internal.ai;

import dev.outcrop.core.internal.plan.DispatchListener;


import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Groups the texts of one statement's rows into calls of at most {@code maxBatchSize} texts, for
 * embedding models that take several texts per call (Cohere takes 96). While the statement hands out
 * its rows, texts wait for a full batch; when it has handed them all out it flushes what is left, and
 * any text that comes later (from a CASE branch decided by another call) is sent on its own at once.
 */
public final class EmbeddingBatcher implements DispatchListener {

    private final int maxBatchSize;
    private final Function<List<String>, CompletableFuture<List<Object>>> send;
    private final List<String> texts = new ArrayList<>();
    private final List<CompletableFuture<Object>> waiting = new ArrayList<>();
    private boolean dispatching = true;

    /** @param send makes one call for the texts and answers one value per text, in order */
    EmbeddingBatcher(int maxBatchSize, Function<List<String>, CompletableFuture<List<Object>>> send) {
        this.maxBatchSize = maxBatchSize;
        this.send = send;
    }

    synchronized CompletableFuture<Object> submit(String text) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        texts.add(text);
        waiting.add(result);
        if (!dispatching || texts.size() >= maxBatchSize) {
            flushLocked();
        }
        return result;
    }

    /** Called when the statement has handed out every row: sends what is waiting, and every later text at once. */
    @Override
    public synchronized void endOfDispatch() {
        dispatching = false;
        flushLocked();
    }

    /** Sends what is waiting now, without ending dispatch: the statement paused for its consumer. */
    @Override
    public synchronized void pauseOfDispatch() {
        flushLocked();
    }

    private void flushLocked() {
        if (texts.isEmpty()) {
            return;
        }
        List<String> batch = List.copyOf(texts);
        List<CompletableFuture<Object>> results = List.copyOf(waiting);
        texts.clear();
        waiting.clear();
        CompletableFuture<List<Object>> call;
        try {
            call = send.apply(batch);
        }
        catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((values, failure) -> {
            for (int i = 0; i < results.size(); i++) {
                if (failure != null) {
                    results.get(i).completeExceptionally(failure);
                }
                else {
                    results.get(i).complete(values == null ? null : values.get(i));
                }
            }
        });
    }
}
