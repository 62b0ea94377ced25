package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.type.SqlType;

/** {@code CAST(x AS type)}, also written {@code x::type}. */
public record CastExpression(Expression operand, SqlType targetType) implements Expression {
    public CastExpression {
        requireNonNull(operand, "operand is null");
        requireNonNull(targetType, "targetType is null");
    }
}
