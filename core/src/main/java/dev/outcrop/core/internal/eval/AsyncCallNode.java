package dev.outcrop.core.internal.eval;


import dev.outcrop.core.type.SqlType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A call whose result arrives later: a model invocation. */
public final class AsyncCallNode extends Node {

    private final Node[] arguments;
    private final Function<Object[], CompletableFuture<Object>> call;

    public AsyncCallNode(SqlType type, List<Node> arguments, Function<Object[], CompletableFuture<Object>> call) {
        super(type);
        this.arguments = arguments.toArray(Node[]::new);
        this.call = call;
    }

    @Override
    public boolean isAsync() {
        return true;
    }

    @Override
    public Object evaluate(Object[] row) {
        throw new IllegalStateException("an asynchronous call cannot be evaluated synchronously");
    }

    @Override
    public CompletableFuture<Object> evaluateAsync(Object[] row) {
        return Operands.evaluateAll(arguments, row).thenCompose(values -> {
            try {
                return call.apply(values);
            }
            catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }
}
