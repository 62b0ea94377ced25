package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

/**
 * One argument of a call: positional ({@code name} null) or named ({@code NAME => value}).
 */
public record FunctionArgument(Identifier name, Expression value) {

    public FunctionArgument {
        requireNonNull(value, "value is null");
    }

    public static FunctionArgument positional(Expression value) {
        return new FunctionArgument(null, value);
    }

    public static FunctionArgument named(String name, Expression value) {
        return new FunctionArgument(new Identifier(name), value);
    }

    public boolean isNamed() {
        return name != null;
    }
}
