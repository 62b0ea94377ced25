package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

/** {@code left op right}. */
public record BinaryExpression(BinaryOperator operator, Expression left, Expression right) implements Expression {
    public BinaryExpression {
        requireNonNull(operator, "operator is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
    }
}
