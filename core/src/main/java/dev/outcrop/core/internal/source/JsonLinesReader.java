package dev.outcrop.core.internal.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.internal.eval.RowOrigin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines: one object per line. The columns are the keys of the first object, in order; a later line
 * without a key reads NULL there, and a key the first line lacks is an error that names the line. Values
 * are TEXT: strings as they are, numbers and booleans as written, objects and arrays as JSON text.
 * Parsed with jackson-core's streaming parser (core's only JSON dependency; no databind).
 */
public final class JsonLinesReader implements RowReader {

    private static final JsonFactory JSON = new JsonFactory();

    private final String source;
    private final BufferedReader in;
    private long line;
    private List<String> columns;
    private Object[] pending;

    public JsonLinesReader(String source, Reader in) {
        this.source = source;
        this.in = new BufferedReader(in, 64 * 1024);
    }

    /** The keys of the first object (read here, and handed out first by {@link #next()}). */
    public List<String> readColumns() {
        if (columns != null) {
            return columns;
        }
        String text = nextLine();
        if (text == null) {
            throw new OutcropException(OutcropErrorCode.MALFORMED_INPUT, source + " is empty: READ_JSON takes its columns from the first line's object");
        }
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        parse(text, keys, values, starts, null, null);
        columns = List.copyOf(keys);
        pending = new Object[columns.size() + 1];
        int[] at = new int[columns.size()];
        for (int i = 0; i < at.length; i++) {
            pending[i] = values.get(i);
            at[i] = starts.get(i);
        }
        pending[at.length] = new RowOrigin(source, line, at, null);
        return columns;
    }

    @Override
    public Object[] next() {
        readColumns();
        if (pending != null) {
            Object[] first = pending;
            pending = null;
            return first;
        }
        String text = nextLine();
        if (text == null) {
            return null;
        }
        // The values, then where they came from (expressions read the values by index and never see it).
        Object[] row = new Object[columns.size() + 1];
        int[] at = new int[columns.size()];
        parse(text, null, null, null, row, at);
        row[columns.size()] = new RowOrigin(source, line, at, null);
        return row;
    }

    private String nextLine() {
        try {
            String text;
            do {
                text = in.readLine();
                line++;
            }
            while (text != null && text.isBlank());
            return text;
        }
        catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " failed at line " + line + ": " + e.getMessage(), e);
        }
    }

    /** Parses one line: the first into keys, values and their columns; later ones into row and their columns, by key. */
    private void parse(String text, List<String> keys, List<String> values, List<Integer> starts, Object[] row, int[] at) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(parser.currentTokenLocation(), "expected an object ({...}) on every line");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation keyAt = parser.currentTokenLocation();
                JsonToken value = parser.nextToken();
                int valueColumn = Math.max(0, parser.currentTokenLocation().getColumnNr());
                String textValue = value == JsonToken.VALUE_NULL ? null : value.isScalarValue() ? parser.getText() : nested(parser);
                if (keys != null) {
                    keys.add(key);
                    values.add(textValue);
                    starts.add(valueColumn);
                }
                else {
                    int index = columns.indexOf(key);
                    if (index < 0) {
                        throw malformed(keyAt, "key '" + key + "' is not one of the first line's keys (" + String.join(", ", columns)
                                + "): READ_JSON takes its columns from the first line");
                    }
                    row[index] = textValue;
                    at[index] = valueColumn;
                }
            }
            if (parser.nextToken() != null) {
                throw malformed(parser.currentTokenLocation(), "the line holds more than one JSON value: put one object on each line");
            }
        }
        catch (JsonParseException e) {
            throw malformed(e.getLocation(), e.getOriginalMessage());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nested(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (var generator = JSON.createGenerator(out)) {
            generator.copyCurrentStructure(parser);
        }
        return out.toString();
    }

    private OutcropException malformed(JsonLocation at, String problem) {
        String column = at == null || at.getColumnNr() < 0 ? "" : ", column " + at.getColumnNr();
        return new OutcropException(OutcropErrorCode.MALFORMED_INPUT, "malformed JSON Lines in " + source + " at line " + line + column + ": " + problem);
    }

    @Override
    public void close() {
        try {
            in.close();
        }
        catch (IOException ignored) {
            // Nothing more is read from it.
        }
    }
}
