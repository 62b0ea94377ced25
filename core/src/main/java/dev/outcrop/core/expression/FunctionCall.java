package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A function call such as {@code AWS_BEDROCK_AI_QUERY(...)}; the name is folded like any identifier. */
public record FunctionCall(Identifier name, List<FunctionArgument> arguments) implements Expression {

    public FunctionCall {
        requireNonNull(name, "name is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    }
}
