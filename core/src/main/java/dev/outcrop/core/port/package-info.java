/**
 * Driven ports: what core needs from the outside world (a model runtime, STS, embedding models,
 * the deployment's own AWS credentials). Adapters such as {@code outcrop-bedrock-client} implement
 * them; core's tests use in-process fakes.
 *
 * <p>Every call is asynchronous: a port returns a {@link java.util.concurrent.CompletionStage} and
 * must not block the calling thread. A failed call completes exceptionally with an
 * {@link dev.outcrop.core.error.InvocationException} for errors the remote service reported (or a
 * broken connection, a timeout), so that {@code null_on_error} can tell them apart from Outcrop's own.
 */
package dev.outcrop.core.port;
