package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

/** {@code x IS NULL}, or {@code x IS NOT NULL} when {@code negated}. */
public record IsNullPredicate(Expression operand, boolean negated) implements Expression {
    public IsNullPredicate {
        requireNonNull(operand, "operand is null");
    }
}
