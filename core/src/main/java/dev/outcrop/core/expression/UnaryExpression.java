package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

/** {@code NOT x}, {@code -x}, {@code +x}. */
public record UnaryExpression(UnaryOperator operator, Expression operand) implements Expression {
    public UnaryExpression {
        requireNonNull(operator, "operator is null");
        requireNonNull(operand, "operand is null");
    }
}
