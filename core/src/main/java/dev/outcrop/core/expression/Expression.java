package dev.outcrop.core.expression;

/** A SQL expression. The tree is immutable; equal text parses to equal trees. */
public sealed interface Expression
        permits Literal, ColumnReference, FunctionCall, BinaryExpression, UnaryExpression, IsNullPredicate,
        CaseExpression, CastExpression {
}
