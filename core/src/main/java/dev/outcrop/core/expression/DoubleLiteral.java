package dev.outcrop.core.expression;

/** A constant with a decimal point or an exponent. */
public record DoubleLiteral(double value) implements Literal {
    public DoubleLiteral {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a numeric literal must be finite, but was " + value);
        }
    }
}
