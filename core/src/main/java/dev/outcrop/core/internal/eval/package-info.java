/** Compiled expressions: nodes that compute a row's values, synchronously or (for model calls) asynchronously. */
package dev.outcrop.core.internal.eval;
