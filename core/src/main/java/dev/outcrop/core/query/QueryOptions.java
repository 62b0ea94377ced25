package dev.outcrop.core.query;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one request runs: its query id (for cancellation and {@code engine_running_queries}), a label,
 * and a progress listener.
 *
 * @param queryId the id to run under, or null to have one generated; it must be unique among the running queries
 * @param queryLabel a free text shown in {@code information_schema.engine_running_queries}, or null
 * @param progressListener called with progress snapshots while the statement runs (at most every
 *                         {@code progressInterval}, and once at the end); it must not block. Null for none.
 * @param progressInterval the least time between two progress calls
 */
public record QueryOptions(String queryId, String queryLabel, Consumer<QueryProgress> progressListener, Duration progressInterval) {

    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(200);
    private static final QueryOptions DEFAULTS = new QueryOptions(null, null, null, DEFAULT_PROGRESS_INTERVAL);

    public QueryOptions {
        if (queryId != null && (queryId.isBlank() || queryId.length() > 256)) {
            throw new IllegalArgumentException("queryId must be 1 to 256 characters and not blank, but was '" + queryId + "'");
        }
        Objects.requireNonNull(progressInterval, "progressInterval is null");
    }

    public static QueryOptions defaults() {
        return DEFAULTS;
    }

    public QueryOptions withQueryId(String id) {
        return new QueryOptions(id, queryLabel, progressListener, progressInterval);
    }

    public QueryOptions withQueryLabel(String label) {
        return new QueryOptions(queryId, label, progressListener, progressInterval);
    }

    public QueryOptions withProgressListener(Consumer<QueryProgress> listener) {
        return new QueryOptions(queryId, queryLabel, listener, progressInterval);
    }

    public QueryOptions withProgressInterval(Duration interval) {
        return new QueryOptions(queryId, queryLabel, progressListener, interval);
    }
}
