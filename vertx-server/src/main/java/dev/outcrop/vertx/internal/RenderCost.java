package dev.outcrop.vertx.internal;

import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;

/**
 * Whether a collected result is small enough to render on the event loop. Rendering takes time in proportion to the
 * text it writes; up to {@link #MAX_CHARACTERS} (tens of microseconds) it costs less than handing the result to a
 * worker thread and the answer back, which wakes two parked threads. Anything larger, or of unknown size, goes to a
 * worker, so no result can hold the event loop for long. The check itself stops as soon as the budget is spent.
 */
final class RenderCost {

    /** Rows of at most this many characters of values in all render on the event loop. */
    static final int MAX_CHARACTERS = 16 * 1024;

    /** What a value other than text counts for: a number's digits, or a field's quotes and separator. */
    private static final int SCALAR_CHARACTERS = 24;

    private RenderCost() {
    }

    static boolean isSmall(QueryResult result) {
        if (result.rows().size() > MAX_CHARACTERS / SCALAR_CHARACTERS) {
            return false;
        }
        long characters = 0;
        for (Row row : result.rows()) {
            for (int i = 0; i < row.size(); i++) {
                characters += characters(row.get(i));
                if (characters > MAX_CHARACTERS) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long characters(Object value) {
        if (value instanceof String text) {
            // An escaped character takes up to six (JSON's \\u0000), but text is mostly plain: twice its length bounds most.
            return SCALAR_CHARACTERS + 2L * text.length();
        }
        if (value instanceof double[] vector) {
            return SCALAR_CHARACTERS + (long) SCALAR_CHARACTERS * vector.length;
        }
        if (value == null || value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof Boolean
                || value instanceof java.time.Instant) {
            return SCALAR_CHARACTERS;
        }
        // A value of another kind has a text of unknown length: the result goes to a worker.
        return MAX_CHARACTERS + 1L;
    }
}
