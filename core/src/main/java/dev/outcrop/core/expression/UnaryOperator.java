package dev.outcrop.core.expression;

/** Prefix operators. */
public enum UnaryOperator {
    NOT,
    NEGATE,
    PLUS
}
