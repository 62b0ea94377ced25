package dev.outcrop.spark.internal.runtime;

import java.util.List;
import java.util.Map;

/**
 * The three functions, with their parameters as Firebolt names them (and core binds them). The per-row
 * parameters become Spark children; the others must be constants, because core checks the location and the
 * embedding model before any call, and so does the driver during analysis.
 */
public enum AiFunction {
    AWS_BEDROCK_AI_QUERY(List.of("model", "request", "location", "null_on_error"), List.of("model", "request"), 3, Map.of()),
    AI_QUERY(List.of("endpoint", "prompt", "location", "null_on_error"), List.of("endpoint", "prompt"), 3, Map.of()),
    AI_EMBED_TEXT(List.of("model", "input_text", "dimensions", "location", "null_on_error"), List.of("input_text"), 2,
            Map.of("dimension", "dimensions"));

    private final List<String> parameters;
    private final List<String> rowParameters;
    private final int required;
    private final Map<String, String> aliases;

    AiFunction(List<String> parameters, List<String> rowParameters, int required, Map<String, String> aliases) {
        this.parameters = parameters;
        this.rowParameters = rowParameters;
        this.required = required;
        this.aliases = aliases;
    }

    /** Every parameter, in positional order. */
    public List<String> parameters() {
        return parameters;
    }

    /** The parameters whose value may change from row to row. */
    public List<String> rowParameters() {
        return rowParameters;
    }

    /** How many leading parameters must be given. */
    public int required() {
        return required;
    }

    /** Other spellings of parameter names that Firebolt accepts. */
    public Map<String, String> aliases() {
        return aliases;
    }

    public boolean returnsEmbedding() {
        return this == AI_EMBED_TEXT;
    }
}
