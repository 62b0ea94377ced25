/** Small concurrency helpers: blocking work on core's executor, and unwrapping completion failures. */
package dev.outcrop.core.internal.concurrent;
