package dev.outcrop.core.internal.source;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.internal.eval.RowOrigin;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming RFC 4180 reader that knows where it is: every error names the source, the line and the
 * column. It lives in core rather than behind a port because core is JDK-only (Jackson's CSV module
 * needs databind), and because the positions in its messages are part of Outcrop's contract; it is
 * one small state machine over a char buffer, read once, with no look-back beyond one character.
 *
 * <p>Fields are TEXT, as Firebolt's READ_CSV reads them; a quoted field may hold delimiters, quotes
 * (doubled, or after ESCAPE) and line breaks. Lines end with LF, CRLF or CR.
 */
public final class CsvReader implements RowReader {

    private static final int END = -1;

    private final String source;
    private final Reader in;
    private final CsvOptions options;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private long column = 1;
    private int width = -1;
    private long rowLine;
    private List<String> header;
    private final StringBuilder field = new StringBuilder();
    /** The character column where each field of the last record read starts, for the row's {@link RowOrigin}. */
    private int[] starts = new int[8];
    /** The line where each field starts, which differs from the record's only after a quoted line break. */
    private long[] startLines = new long[8];

    public CsvReader(String source, Reader in, CsvOptions options) {
        this.source = source;
        this.in = in;
        this.options = options;
    }

    /** The column names: the header's, or f0, f1, ... after the first row when there is no header. */
    public List<String> readHeader() {
        if (header != null) {
            return header;
        }
        if (options.header()) {
            List<String> names = readFields(false);
            if (names == null) {
                throw new OutcropException(OutcropErrorCode.MALFORMED_INPUT, source + " is empty, but HEADER => TRUE expects a header line: "
                        + "add one, or read it with HEADER => FALSE");
            }
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i) == null || names.get(i).isEmpty()) {
                    throw malformed(rowLine, 0, "column " + (i + 1) + " of the header has no name: name every column, or read with HEADER => FALSE");
                }
                if (names.indexOf(names.get(i)) != i) {
                    throw malformed(rowLine, 0, "the header names column '" + names.get(i) + "' twice: give every column its own name");
                }
            }
            header = List.copyOf(names);
            width = header.size();
        }
        else {
            pending = readFields(true);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < (pending == null ? 1 : pending.size()); i++) {
                names.add("f" + i);
            }
            header = List.copyOf(names);
            width = header.size();
        }
        return header;
    }

    private List<String> pending;

    @Override
    public Object[] next() {
        readHeader();
        List<String> fields;
        if (pending != null) {
            fields = pending;
            pending = null;
        }
        else {
            fields = readFields(true);
        }
        if (fields == null) {
            return null;
        }
        if (fields.size() != width) {
            throw malformed(rowLine, 0, "this row has " + fields.size() + (fields.size() == 1 ? " field" : " fields") + " but "
                    + (options.header() ? "the header names " : "the first row has ") + width
                    + ": check the delimiter (DELIMITER => '" + printable(options.delimiter()) + "') and the quoting of this row");
        }
        // The fields, then where they came from (expressions read the fields by index and never see it).
        Object[] row = fields.toArray(new Object[width + 1]);
        long[] lines = startLines[width - 1] == rowLine ? null : Arrays.copyOf(startLines, width);
        row[width] = new RowOrigin(source, rowLine, Arrays.copyOf(starts, width), lines);
        return row;
    }

    /** Reads one record, or null at the end of the input. */
    private List<String> readFields(boolean asValues) {
        while (true) {
            int first = peek();
            if (first == END) {
                return null;
            }
            rowLine = line;
            if (options.skipBlankLines() && (first == '\n' || first == '\r')) {
                take();
                continue;
            }
            return readRecord(asValues);
        }
    }

    private List<String> readRecord(boolean asValues) {
        List<String> fields = new ArrayList<>(width > 0 ? width : 8);
        while (true) {
            field.setLength(0);
            if (fields.size() == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                startLines = Arrays.copyOf(startLines, startLines.length * 2);
            }
            starts[fields.size()] = (int) Math.min(column, Integer.MAX_VALUE);
            startLines[fields.size()] = line;
            boolean quoted = false;
            int c = peek();
            if (c == options.quote()) {
                quoted = true;
                readQuoted();
                c = peek();
            }
            else {
                while (c != END && c != options.delimiter() && c != '\n' && c != '\r') {
                    field.append((char) take());
                    c = peek();
                }
            }
            fields.add(asValues ? value(quoted) : field.toString());
            if (c == options.delimiter()) {
                take();
                continue;
            }
            if (c == '\r') {
                take();
                if (peek() == '\n') {
                    take();
                }
            }
            else if (c == '\n') {
                take();
            }
            else if (c != END) {
                throw malformed(line, column, "expected the delimiter '" + printable(options.delimiter()) + "' or the end of the line after "
                        + "the closing quote, but found '" + printable((char) c) + "': quote the whole field, and double any quote inside it");
            }
            return fields;
        }
    }

    private void readQuoted() {
        long startLine = line;
        long startColumn = column;
        take();
        while (true) {
            int c = take();
            if (c == END) {
                throw malformed(startLine, startColumn, "the quoted field that starts here is not closed before the end of the file: "
                        + "add the closing " + printable(options.quote()));
            }
            if (c == options.escape() && options.escape() != options.quote()) {
                int escaped = take();
                if (escaped == END) {
                    throw malformed(line, column, "the file ends after the escape character '" + printable(options.escape()) + "'");
                }
                field.append((char) escaped);
                continue;
            }
            if (c == options.quote()) {
                if (peek() == options.quote()) {
                    field.append((char) take());
                    continue;
                }
                return;
            }
            field.append((char) c);
        }
    }

    private String value(boolean quoted) {
        String text = field.toString();
        if (!quoted && options.nullString() != null && text.equals(options.nullString())) {
            return null;
        }
        if (!quoted && text.isEmpty() && options.emptyFieldAsNull()) {
            return null;
        }
        return text;
    }

    private int peek() {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position];
    }

    private int take() {
        if (position == limit && !fill()) {
            return END;
        }
        char c = buffer[position++];
        if (c == '\n' || (c == '\r' && (position < limit || fill()) && buffer[position] != '\n')) {
            line++;
            column = 1;
        }
        else if (c != '\r') {
            column++;
        }
        return c;
    }

    private boolean fill() {
        try {
            int read;
            do {
                read = in.read(buffer, 0, buffer.length);
            }
            while (read == 0);
            if (read < 0) {
                position = 0;
                limit = 0;
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }
        catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " failed at line " + line + ": " + e.getMessage(), e);
        }
    }

    private OutcropException malformed(long atLine, long atColumn, String problem) {
        String where = atColumn > 0 ? " line " + atLine + ", column " + atColumn : " line " + atLine;
        return new OutcropException(OutcropErrorCode.MALFORMED_INPUT, "malformed CSV in " + source + " at" + where + ": " + problem);
    }

    private static String printable(char c) {
        return switch (c) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> String.valueOf(c);
        };
    }

    @Override
    public void close() {
        try {
            in.close();
        }
        catch (IOException ignored) {
            // Nothing more is read from it; a failed close loses nothing.
        }
    }
}
