package dev.outcrop.core.internal.eval;

/**
 * Where a row read from a file or object came from. The readers of READ_CSV and READ_JSON put it after the
 * row's columns (expressions read columns by index, so they never see it), and a value of the row that
 * fails to convert is then reported with its file, line and column rather than as a bare value.
 */
public final class RowOrigin {

    private final String source;
    private final long line;
    private final int[] columns;
    private final long[] lines;

    /**
     * @param source the file's or object's URL
     * @param line the line the row starts on, from 1
     * @param columns for each of the row's fields, the character column (from 1) where it starts; 0 where unknown
     * @param lines for each field, the line it starts on, or null when every field starts on {@code line}
     *     (only a CSV record with a quoted line break has fields on later lines)
     */
    public RowOrigin(String source, long line, int[] columns, long[] lines) {
        this.source = source;
        this.line = line;
        this.columns = columns;
        this.lines = lines;
    }

    /** The origin a reader appended to the row, or null for rows that were not read from a file (VALUES, bound rows). */
    public static RowOrigin of(Object[] row) {
        return row.length > 0 && row[row.length - 1] instanceof RowOrigin origin ? origin : null;
    }

    /** "file://r.csv at line 3, column 7 (field 2, 'stars')", or without the column when the field is not known (-1). */
    public String describe(int field, String name) {
        boolean known = field >= 0 && field < columns.length;
        StringBuilder text = new StringBuilder(source).append(" at line ").append(known && lines != null ? lines[field] : line);
        if (field >= 0) {
            if (known && columns[field] > 0) {
                text.append(", column ").append(columns[field]);
            }
            text.append(" (field ").append(field + 1);
            if (name != null) {
                text.append(", '").append(name).append('\'');
            }
            text.append(')');
        }
        return text.toString();
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }
}
