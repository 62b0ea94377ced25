package dev.outcrop.vertx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.type.ArrayType;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Firebolt's output formats: {@code TabSeparatedWithNamesAndTypes} (the default), {@code JSON_Compact},
 * {@code JSON_CompactLimited} (at most {@link #LIMITED_ROWS} rows) and the streamed
 * {@code JSONLines_Compact} (whose records {@link JsonLinesResponder} writes with the helpers here).
 */
final class ResultFormats {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** JSON_CompactLimited's cap, as Firebolt's. */
    static final int LIMITED_ROWS = 10_000;

    enum Format {
        TSV("text/tab-separated-values; charset=utf-8"),
        JSON_COMPACT("application/json"),
        JSON_COMPACT_LIMITED("application/json"),
        JSON_LINES_COMPACT("application/x-ndjson");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Format parse(String name) {
            if (name == null || name.equalsIgnoreCase("TabSeparatedWithNamesAndTypes")) {
                return TSV;
            }
            if (name.equalsIgnoreCase("JSON_Compact")) {
                return JSON_COMPACT;
            }
            if (name.equalsIgnoreCase("JSON_CompactLimited")) {
                return JSON_COMPACT_LIMITED;
            }
            if (name.equalsIgnoreCase("JSONLines_Compact")) {
                return JSON_LINES_COMPACT;
            }
            throw RequestRefused.badRequest("output_format '" + StrictText.printableAscii(name) + "' is not supported: use "
                    + "TabSeparatedWithNamesAndTypes, JSON_Compact, JSON_CompactLimited or JSONLines_Compact");
        }
    }

    private ResultFormats() {
    }

    /** Renders a collected result; for JSONLines_Compact, the whole stream of records at once. */
    static String render(QueryResult result, Format format, String queryId, String queryLabel, double elapsedSeconds) {
        return switch (format) {
            case TSV -> tsv(result);
            case JSON_COMPACT -> jsonCompact(result, queryId, elapsedSeconds, Integer.MAX_VALUE);
            case JSON_COMPACT_LIMITED -> jsonCompact(result, queryId, elapsedSeconds, LIMITED_ROWS);
            case JSON_LINES_COMPACT -> {
                StringBuilder out = new StringBuilder(startRecord(result.columns(), queryId, queryLabel)).append('\n');
                if (!result.rows().isEmpty()) {
                    ArrayNode data = JSON.createArrayNode();
                    result.rows().forEach(row -> data.add(rowNode(row)));
                    out.append(dataRecord(data)).append('\n');
                }
                yield out.append(finishRecord(result.rows().size(), elapsedSeconds)).append('\n').toString();
            }
        };
    }

    static String startRecord(List<Column> columns, String queryId, String queryLabel) {
        ObjectNode start = JSON.createObjectNode().put("message_type", "START");
        ArrayNode meta = start.putArray("result_columns");
        for (Column column : columns) {
            meta.addObject().put("name", column.name()).put("type", typeName(column.type()));
        }
        start.put("query_id", queryId).put("query_label", queryLabel).put("request_id", queryId);
        return start.toString();
    }

    static String dataRecord(ArrayNode rows) {
        ObjectNode data = JSON.createObjectNode().put("message_type", "DATA");
        data.set("data", rows);
        return data.toString();
    }

    static String finishRecord(long rows, double elapsedSeconds) {
        ObjectNode finish = JSON.createObjectNode().put("message_type", "FINISH_SUCCESSFULLY");
        finish.set("statistics", statistics(rows, elapsedSeconds));
        return finish.toString();
    }

    static String errorRecord(ArrayNode errors, long rows, double elapsedSeconds) {
        ObjectNode finish = JSON.createObjectNode().put("message_type", "FINISH_WITH_ERRORS");
        finish.set("errors", errors);
        finish.set("statistics", statistics(rows, elapsedSeconds));
        return finish.toString();
    }

    /** The statistics the SDKs read (elapsed, rows_read, bytes_read, scanned_bytes_cache/storage), plus Firebolt's timings. */
    static ObjectNode statistics(long rows, double elapsedSeconds) {
        return JSON.createObjectNode()
                .put("elapsed", elapsedSeconds)
                .put("rows_read", rows)
                .put("bytes_read", 0)
                .put("time_before_execution", 0.0)
                .put("time_to_execute", elapsedSeconds)
                .put("scanned_bytes_cache", 0)
                .put("scanned_bytes_storage", 0);
    }

    static JsonNode rowNode(Row row) {
        ArrayNode values = JSON.createArrayNode();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            if (value == null) {
                values.addNull();
            }
            else if (value instanceof Long l) {
                values.add(l);
            }
            else if (value instanceof Integer n) {
                values.add(n);
            }
            else if (value instanceof Double d) {
                values.add(d);
            }
            else if (value instanceof Boolean b) {
                values.add(b);
            }
            else if (value instanceof double[] array) {
                ArrayNode vector = values.addArray();
                for (double element : array) {
                    vector.add(element);
                }
            }
            else {
                values.add(text(value));
            }
        }
        return values;
    }

    private static String tsv(QueryResult result) {
        if (result.columns().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < result.columns().size(); i++) {
            out.append(i == 0 ? "" : "\t").append(escape(result.columns().get(i).name()));
        }
        out.append('\n');
        for (int i = 0; i < result.columns().size(); i++) {
            out.append(i == 0 ? "" : "\t").append(typeName(result.columns().get(i).type()));
        }
        out.append('\n');
        for (Row row : result.rows()) {
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                out.append(i == 0 ? "" : "\t").append(value == null ? "\\N" : escape(text(value)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String jsonCompact(QueryResult result, String queryId, double elapsedSeconds, int maxRows) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("query").put("query_id", queryId);
        ArrayNode meta = body.putArray("meta");
        for (Column column : result.columns()) {
            meta.addObject().put("name", column.name()).put("type", typeName(column.type()));
        }
        ArrayNode data = body.putArray("data");
        int rows = Math.min(maxRows, result.rows().size());
        for (int i = 0; i < rows; i++) {
            data.add(rowNode(result.rows().get(i)));
        }
        body.put("rows", rows);
        body.set("statistics", statistics(result.rows().size(), elapsedSeconds));
        return body.toString();
    }

    static String typeName(SqlType type) {
        if (type instanceof ArrayType array) {
            return "array(" + typeName(array.elementType()) + ")";
        }
        return switch ((ScalarType) type) {
            case TEXT, NULL -> "text";
            case BOOLEAN -> "boolean";
            case INTEGER -> "int";
            case BIGINT -> "bigint";
            case DOUBLE -> "double";
            case TIMESTAMPTZ -> "timestamptz";
        };
    }

    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(instant);
        }
        if (value instanceof double[] array) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < array.length; i++) {
                out.append(i == 0 ? "" : ",").append(array[i]);
            }
            return out.append(']').toString();
        }
        return String.valueOf(value);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
