package dev.outcrop.vertx.internal;

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
import java.util.Locale;

/**
 * Firebolt's output formats: {@code TabSeparatedWithNamesAndTypes} (the default) and
 * {@code JSON_Compact}.
 */
final class ResultFormats {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

    enum Format {
        TSV("text/tab-separated-values; charset=utf-8"),
        JSON_COMPACT("application/json");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Format parse(String name) {
            if (name == null || name.equalsIgnoreCase("TabSeparatedWithNamesAndTypes")) {
                return TSV;
            }
            if (name.equalsIgnoreCase("JSON_Compact") || name.equalsIgnoreCase("JSON_CompactLimited")) {
                return JSON_COMPACT;
            }
            throw new IllegalArgumentException("output_format '" + name + "' is not supported: use TabSeparatedWithNamesAndTypes or JSON_Compact");
        }
    }

    private ResultFormats() {
    }

    static String render(QueryResult result, Format format, String queryId, double elapsedSeconds) {
        return format == Format.TSV ? tsv(result) : jsonCompact(result, queryId, elapsedSeconds);
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

    private static String jsonCompact(QueryResult result, String queryId, double elapsedSeconds) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("query").put("query_id", queryId);
        ArrayNode meta = body.putArray("meta");
        for (Column column : result.columns()) {
            meta.addObject().put("name", column.name()).put("type", typeName(column.type()));
        }
        ArrayNode data = body.putArray("data");
        for (Row row : result.rows()) {
            ArrayNode values = data.addArray();
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                if (value == null) {
                    values.addNull();
                }
                else if (value instanceof Long l) {
                    values.add(l);
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
        }
        body.put("rows", result.rows().size());
        body.putObject("statistics").put("elapsed", elapsedSeconds).put("rows_read", result.rows().size()).put("bytes_read", 0);
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
