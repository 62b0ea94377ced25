package dev.outcrop.core.query;

import java.util.concurrent.CompletionStage;

/**
 * A request that has been started: its id, its progress, a way to stop it, and its outcome.
 *
 * @param <T> what the request produces: a {@link dev.outcrop.core.result.QueryResult}, or a
 *            {@link dev.outcrop.core.result.RowStream} for a streamed SELECT
 */
public interface RunningQuery<T> {

    /** The id the request runs under: the one given in {@link QueryOptions}, or a generated UUID. */
    String queryId();

    /** The current progress of the statement now running. */
    QueryProgress progress();

    /**
     * Stops the request: no new model call starts, calls in flight are aborted and their reserved
     * tokens released, and the outcome fails with {@code QUERY_CANCELLED}. Does nothing once the
     * request has ended.
     *
     * @return true when this call stopped it, false when it had already ended or been stopped
     */
    boolean cancel();

    /** The outcome; it completes when the request ends (for a stream: when its columns are known). */
    CompletionStage<T> result();
}
