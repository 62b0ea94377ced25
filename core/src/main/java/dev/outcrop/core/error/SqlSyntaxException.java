package dev.outcrop.core.error;

/**
 * A statement that cannot be parsed. The message starts with {@code line L:C:} and names what was
 * found and what was expected.
 */
public class SqlSyntaxException extends OutcropException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final int offset;
    private final String detail;

    /**
     * @param line 1-based line of the offending token
     * @param column 1-based column of the offending token
     * @param offset 0-based character offset of the offending token in the statement text
     * @param detail what is wrong, without the position prefix
     */
    public SqlSyntaxException(int line, int column, int offset, String detail) {
        super(OutcropErrorCode.SQL_SYNTAX_ERROR, "line " + line + ":" + column + ": " + detail);
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.detail = detail;
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
}
