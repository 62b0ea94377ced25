package dev.outcrop.core.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * @param parameters the values of the script's {@code $1}, {@code $2}, ... placeholders, bound as values and
 *                   never spliced into the SQL text: {@link String}, {@link Long}, {@link Double},
 *                   {@link Boolean} or null (see {@link dev.outcrop.core.spi.StatementParser#parseScript(String, List)})
 */
public record QueryOptions(String queryId, String queryLabel, Consumer<QueryProgress> progressListener, Duration progressInterval,
                           List<Object> parameters) {

    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(200);
    private static final QueryOptions DEFAULTS = new QueryOptions(null, null, null, DEFAULT_PROGRESS_INTERVAL, List.of());

    public QueryOptions {
        if (queryId != null && (queryId.isBlank() || queryId.length() > 256)) {
            throw new IllegalArgumentException("queryId must be 1 to 256 characters and not blank, but was '" + queryId + "'");
        }
        Objects.requireNonNull(progressInterval, "progressInterval is null");
        Objects.requireNonNull(parameters, "parameters is null");
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value != null && !(value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean)) {
                throw new IllegalArgumentException("parameter $" + (i + 1) + " is a " + value.getClass().getSimpleName()
                        + ": use a String, Long, Double, Boolean or null");
            }
        }
        // Unmodifiable, and null-friendly (List.copyOf refuses nulls, and SQL NULL is a fine value).
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /** The same options, with {@code values} for {@code $1}, {@code $2}, ... */
    public QueryOptions withParameters(List<?> values) {
        return new QueryOptions(queryId, queryLabel, progressListener, progressInterval, new ArrayList<>(values));
    }

    public static QueryOptions defaults() {
        return DEFAULTS;
    }

    public QueryOptions withQueryId(String id) {
        return new QueryOptions(id, queryLabel, progressListener, progressInterval, parameters);
    }

    public QueryOptions withQueryLabel(String label) {
        return new QueryOptions(queryId, label, progressListener, progressInterval, parameters);
    }

    public QueryOptions withProgressListener(Consumer<QueryProgress> listener) {
        return new QueryOptions(queryId, queryLabel, listener, progressInterval, parameters);
    }

    public QueryOptions withProgressInterval(Duration interval) {
        return new QueryOptions(queryId, queryLabel, progressListener, interval, parameters);
    }
}
