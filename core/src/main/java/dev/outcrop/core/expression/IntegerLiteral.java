package dev.outcrop.core.expression;

/** A whole-number constant. Negative numbers are a unary minus applied to a literal. */
public record IntegerLiteral(long value) implements Literal {
}
