package dev.outcrop.core.internal;

import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.internal.eval.Node;

/** Compiles calls of one SQL function, checking its arguments before anything runs. */
interface FunctionCompiler {

    Node compile(FunctionCall call, ExpressionCompiler compiler);
}
