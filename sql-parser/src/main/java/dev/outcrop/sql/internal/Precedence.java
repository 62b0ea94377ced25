package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.BinaryExpression;
import dev.outcrop.core.expression.BinaryOperator;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.IsNullPredicate;
import dev.outcrop.core.expression.UnaryExpression;
import dev.outcrop.core.expression.UnaryOperator;

/**
 * Operator binding strength, shared by the parser and the formatter so that what one writes without
 * parentheses the other reads back the same way. Higher binds tighter; PostgreSQL's order.
 */
final class Precedence {

    static final int OR = 1;
    static final int AND = 2;
    static final int NOT = 3;
    static final int IS = 4;
    static final int COMPARISON = 5;
    static final int CONCAT = 6;
    static final int ADDITIVE = 7;
    static final int MULTIPLICATIVE = 8;
    static final int UNARY = 9;
    static final int CAST = 10;
    /** Literals, names, calls, CASE, CAST(...) and parenthesised expressions. */
    static final int PRIMARY = 11;

    private Precedence() {
    }

    static int of(BinaryOperator operator) {
        return switch (operator) {
            case OR -> OR;
            case AND -> AND;
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> COMPARISON;
            case CONCAT -> CONCAT;
            case ADD, SUBTRACT -> ADDITIVE;
            case MULTIPLY, DIVIDE, MODULO -> MULTIPLICATIVE;
        };
    }

    static int of(Expression expression) {
        if (expression instanceof BinaryExpression binary) {
            return of(binary.operator());
        }
        if (expression instanceof UnaryExpression unary) {
            return unary.operator() == UnaryOperator.NOT ? NOT : UNARY;
        }
        if (expression instanceof IsNullPredicate) {
            return IS;
        }
        return PRIMARY;
    }
}
