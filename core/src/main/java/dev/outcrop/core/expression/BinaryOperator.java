package dev.outcrop.core.expression;

/** Binary operators, with their SQL spelling. */
public enum BinaryOperator {
    OR("OR"),
    AND("AND"),
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">="),
    CONCAT("||"),
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    MODULO("%");

    private final String sql;

    BinaryOperator(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }
}
