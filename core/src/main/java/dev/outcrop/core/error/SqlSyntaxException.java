package dev.outcrop.core.error;

/**
 * A statement that cannot be parsed. The message starts with {@code line L:C:} and names what was
 * found and what was expected; when the parser supplies one, an excerpt of the offending line with a
 * caret under the error follows on the next lines.
 */
public class SqlSyntaxException extends OutcropException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final int offset;
    private final String detail;
    private final String excerpt;

    /**
     * @param line 1-based line of the offending token
     * @param column 1-based column of the offending token
     * @param offset 0-based character offset of the offending token in the statement text
     * @param detail what is wrong, without the position prefix
     */
    public SqlSyntaxException(int line, int column, int offset, String detail) {
        this(line, column, offset, detail, "");
    }

    /**
     * @param excerpt the offending line and a caret line under it, joined by a line break, or empty;
     *                it must already have every credential value masked
     */
    public SqlSyntaxException(int line, int column, int offset, String detail, String excerpt) {
        super(OutcropErrorCode.SQL_SYNTAX_ERROR,
                "line " + line + ":" + column + ": " + detail + (excerpt.isEmpty() ? "" : "\n" + excerpt));
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.detail = detail;
        this.excerpt = excerpt;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public int offset() {
        return offset;
    }

    /** The message without the {@code line L:C:} prefix. */
    public String detail() {
        return detail;
    }

    /** The offending line with a caret under the error (two lines), or empty when none was given. */
    public String excerpt() {
        return excerpt;
    }
}
