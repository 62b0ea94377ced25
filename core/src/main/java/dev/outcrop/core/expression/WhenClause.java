package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

/** {@code WHEN condition THEN result}. */
public record WhenClause(Expression condition, Expression result) {
    public WhenClause {
        requireNonNull(condition, "condition is null");
        requireNonNull(result, "result is null");
    }
}
