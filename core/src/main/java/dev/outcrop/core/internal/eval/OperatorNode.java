package dev.outcrop.core.internal.eval;


import dev.outcrop.core.type.SqlType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A computation over the values of its operands: arithmetic, comparisons, casts, scalar functions. */
public final class OperatorNode extends Node {

    private final Node[] operands;
    private final Function<Object[], Object> operation;
    private final boolean async;

    public OperatorNode(SqlType type, List<Node> operands, Function<Object[], Object> operation) {
        super(type);
        this.operands = operands.toArray(Node[]::new);
        this.operation = operation;
        boolean anyAsync = false;
        for (Node operand : this.operands) {
            anyAsync |= operand.isAsync();
        }
        this.async = anyAsync;
    }

    @Override
    public boolean isAsync() {
        return async;
    }

    @Override
    public Object evaluate(Object[] row) {
        Object[] values = new Object[operands.length];
        for (int i = 0; i < operands.length; i++) {
            values[i] = operands[i].evaluate(row);
        }
        return operation.apply(values);
    }

    @Override
    public CompletableFuture<Object> evaluateAsync(Object[] row) {
        if (!async) {
            return super.evaluateAsync(row);
        }
        return Operands.evaluateAll(operands, row).thenApply(operation);
    }
}
