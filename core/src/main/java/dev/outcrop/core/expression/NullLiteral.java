package dev.outcrop.core.expression;

/** {@code NULL}. */
public record NullLiteral() implements Literal {
    public static final NullLiteral INSTANCE = new NullLiteral();
}
