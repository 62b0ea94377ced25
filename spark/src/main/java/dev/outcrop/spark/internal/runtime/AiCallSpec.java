package dev.outcrop.spark.internal.runtime;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Locale;

/**
 * One AI function call of a Spark projection, with its constants: what core is asked to compute for each
 * row. Sent to executors with the task, so it holds names, never credentials.
 *
 * @param function which function
 * @param location the LOCATION's name
 * @param nullOnError whether a failed call gives NULL instead of failing the task
 * @param embeddingModel AI_EMBED_TEXT's model, or null
 * @param dimensions AI_EMBED_TEXT's DIMENSIONS, or null
 */
public record AiCallSpec(AiFunction function, String location, boolean nullOnError, String embeddingModel, Long dimensions) implements Serializable {

    public AiCallSpec {
        requireNonNull(function, "function is null");
        requireNonNull(location, "location is null");
        if (function.returnsEmbedding()) {
            requireNonNull(embeddingModel, "embeddingModel is null");
        }
    }

    /**
     * The call as core's SQL, reading its per-row arguments from the given columns of the input relation.
     *
     * @param rowColumns the input columns that hold {@link AiFunction#rowParameters()}, in that order
     */
    public String toCoreSql(String... rowColumns) {
        String options = ", location => " + quote(location) + ", null_on_error => " + (nullOnError ? "TRUE" : "FALSE");
        return switch (function) {
            case AWS_BEDROCK_AI_QUERY, AI_QUERY -> function.name() + "(" + rowColumns[0] + ", " + rowColumns[1] + options + ")";
            case AI_EMBED_TEXT -> "AI_EMBED_TEXT(" + quote(embeddingModel) + ", " + rowColumns[0]
                    + (dimensions == null ? "" : ", dimensions => " + dimensions) + options + ")";
        };
    }

    /** A SQL string literal: quotes doubled, so any location or model name reads back as itself. */
    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return function.name().toLowerCase(Locale.ROOT) + " at location " + location;
    }
}
