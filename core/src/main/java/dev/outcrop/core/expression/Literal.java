package dev.outcrop.core.expression;

/** A constant written in the statement. */
public sealed interface Literal extends Expression
        permits StringLiteral, IntegerLiteral, DoubleLiteral, BooleanLiteral, NullLiteral {
}
