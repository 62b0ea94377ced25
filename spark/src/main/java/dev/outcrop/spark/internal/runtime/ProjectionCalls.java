package dev.outcrop.spark.internal.runtime;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.result.Column;
import dev.outcrop.core.type.ScalarType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The AI calls of one Spark projection and where their per-row arguments are in the input row: enough to
 * write the one core statement that computes all of them for a batch of rows. Sent to executors.
 *
 * @param calls the calls, in the order of their result columns
 * @param argumentOrdinals for each call, the ordinals of the input row's fields holding its per-row arguments (as text)
 */
public record ProjectionCalls(List<AiCallSpec> calls, List<int[]> argumentOrdinals) implements Serializable {

    /** The relation the core statement reads the batch from. */
    public static final String INPUT_NAME = "spark_rows";

    public ProjectionCalls {
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        argumentOrdinals = List.copyOf(requireNonNull(argumentOrdinals, "argumentOrdinals is null"));
        if (calls.isEmpty() || calls.size() != argumentOrdinals.size()) {
            throw new IllegalArgumentException("every call needs its argument ordinals, but there are " + calls.size() + " calls and "
                    + argumentOrdinals.size() + " lists of ordinals");
        }
    }

    /** The input fields the statement reads, each once, in ascending order. */
    public int[] inputOrdinals() {
        return argumentOrdinals.stream().flatMapToInt(java.util.Arrays::stream).distinct().sorted().toArray();
    }

    /** The input relation's columns: one TEXT column per field read, named after its ordinal. */
    public List<Column> inputColumns() {
        List<Column> columns = new ArrayList<>();
        for (int ordinal : inputOrdinals()) {
            columns.add(new Column(columnName(ordinal), ScalarType.TEXT));
        }
        return columns;
    }

    /** {@code SELECT <call>, ... FROM spark_rows}. */
    public String coreSql() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String[] columns = java.util.Arrays.stream(argumentOrdinals.get(i)).mapToObj(ProjectionCalls::columnName).toArray(String[]::new);
            items.add(calls.get(i).toCoreSql(columns) + " AS r" + i);
        }
        return items.stream().collect(Collectors.joining(", ", "SELECT ", " FROM " + INPUT_NAME));
    }

    private static String columnName(int ordinal) {
        return "a" + ordinal;
    }
}
