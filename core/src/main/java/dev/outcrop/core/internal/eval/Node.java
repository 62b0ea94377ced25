package dev.outcrop.core.internal.eval;


import dev.outcrop.core.type.SqlType;
import java.util.concurrent.CompletableFuture;

/**
 * A compiled expression. Most nodes compute synchronously; nodes that call a model are asynchronous,
 * and so is every node above one. The executor asks {@link #isAsync()} once and takes the cheap
 * synchronous path whenever it can.
 */
public abstract class Node {

    private final SqlType type;

    protected Node(SqlType type) {
        this.type = type;
    }

    public final SqlType type() {
        return type;
    }

    public abstract boolean isAsync();

    /** Computes the value for a row; only for nodes that are not asynchronous. */
    public abstract Object evaluate(Object[] row);

    /** Computes the value for a row, waiting for nothing. */
    public CompletableFuture<Object> evaluateAsync(Object[] row) {
        try {
            return CompletableFuture.completedFuture(evaluate(row));
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
