/** Compiling SQL expressions against a statement's scope into evaluation nodes, and the scalar functions. */
package dev.outcrop.core.internal.expr;
