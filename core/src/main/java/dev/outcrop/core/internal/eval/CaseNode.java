package dev.outcrop.core.internal.eval;


import dev.outcrop.core.type.SqlType;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A searched CASE. Branches are evaluated lazily, in order, so that a model call in a branch that is
 * not taken is never made.
 */
public final class CaseNode extends Node {

    private final Node[] conditions;
    private final Node[] results;
    private final Node elseResult;
    private final boolean async;

    /** @param elseResult or null for ELSE NULL */
    public CaseNode(SqlType type, List<Node> conditions, List<Node> results, Node elseResult) {
        super(type);
        this.conditions = conditions.toArray(Node[]::new);
        this.results = results.toArray(Node[]::new);
        this.elseResult = elseResult;
        boolean anyAsync = elseResult != null && elseResult.isAsync();
        for (Node node : this.conditions) {
            anyAsync |= node.isAsync();
        }
        for (Node node : this.results) {
            anyAsync |= node.isAsync();
        }
        this.async = anyAsync;
    }

    @Override
    public boolean isAsync() {
        return async;
    }

    @Override
    public Object evaluate(Object[] row) {
        for (int i = 0; i < conditions.length; i++) {
            if (Boolean.TRUE.equals(conditions[i].evaluate(row))) {
                return results[i].evaluate(row);
            }
        }
        return elseResult == null ? null : elseResult.evaluate(row);
    }

    @Override
    public CompletableFuture<Object> evaluateAsync(Object[] row) {
        if (!async) {
            return super.evaluateAsync(row);
        }
        return branch(0, row);
    }

    private CompletableFuture<Object> branch(int index, Object[] row) {
        if (index == conditions.length) {
            return elseResult == null ? CompletableFuture.completedFuture(null) : elseResult.evaluateAsync(row);
        }
        return conditions[index].evaluateAsync(row).thenCompose(taken -> Boolean.TRUE.equals(taken)
                ? results[index].evaluateAsync(row)
                : branch(index + 1, row));
    }
}
