package dev.outcrop.core.internal.expr;

import dev.outcrop.core.internal.eval.Node;

import dev.outcrop.core.expression.FunctionCall;

/** Compiles calls of one SQL function, checking its arguments before anything runs. */
public interface FunctionCompiler {

    Node compile(FunctionCall call, ExpressionCompiler compiler);
}
