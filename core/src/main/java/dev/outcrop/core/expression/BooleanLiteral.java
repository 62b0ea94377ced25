package dev.outcrop.core.expression;

/** {@code TRUE} or {@code FALSE}. */
public record BooleanLiteral(boolean value) implements Literal {
    public static final BooleanLiteral TRUE = new BooleanLiteral(true);
    public static final BooleanLiteral FALSE = new BooleanLiteral(false);
}
