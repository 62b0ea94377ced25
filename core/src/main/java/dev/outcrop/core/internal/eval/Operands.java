package dev.outcrop.core.internal.eval;


import java.util.concurrent.CompletableFuture;

/** Evaluates several operands, synchronously where possible. */
public final class Operands {

    private Operands() {
    }

    static CompletableFuture<Object[]> evaluateAll(Node[] operands, Object[] row) {
        Object[] values = new Object[operands.length];
        CompletableFuture<?>[] pending = null;
        int pendingCount = 0;
        for (int i = 0; i < operands.length; i++) {
            Node operand = operands[i];
            if (!operand.isAsync()) {
                try {
                    values[i] = operand.evaluate(row);
                }
                catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
                continue;
            }
            if (pending == null) {
                pending = new CompletableFuture<?>[operands.length];
            }
            int index = i;
            pending[pendingCount++] = operand.evaluateAsync(row).thenAccept(value -> values[index] = value);
        }
        if (pendingCount == 0) {
            return CompletableFuture.completedFuture(values);
        }
        CompletableFuture<?>[] all = java.util.Arrays.copyOf(pending, pendingCount);
        // allOf publishes the writes made by the thenAccept stages before it completes.
        return CompletableFuture.allOf(all).thenApply(ignored -> values);
    }
}
