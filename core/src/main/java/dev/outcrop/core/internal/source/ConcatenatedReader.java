package dev.outcrop.core.internal.source;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.io.Reader;
import java.util.List;
import java.util.function.Function;

/**
 * The rows of several files or objects, one after the other, in the order given. The first is opened while
 * planning (its columns are the relation's); the others only when the reader reaches them, so that a
 * statement with a LIMIT opens no more objects than it reads. Every file must have the first one's columns.
 */
final class ConcatenatedReader implements RowReader {

    /** A file opened in one format: its columns and its rows. */
    record Opened(List<String> columns, RowReader rows) {
    }

    /** Opens one file in a format: the name is for messages, the reader holds its text. */
    interface Format {
        Opened open(String name, Reader text);
    }

    private final List<String> names;
    private final Function<String, Reader> opener;
    private final Format format;
    private final List<String> columns;
    private int index;
    private RowReader current;

    ConcatenatedReader(List<String> names, Function<String, Reader> opener, Format format) {
        this.names = List.copyOf(names);
        this.opener = opener;
        this.format = format;
        Opened first = openAt(0);
        this.columns = first.columns();
        this.current = first.rows();
    }

    List<String> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        while (current != null) {
            Object[] row = current.next();
            if (row != null) {
                return row;
            }
            current.close();
            current = null;
            if (index + 1 < names.size()) {
                Opened next = openAt(++index);
                if (!next.columns().equals(columns)) {
                    next.rows().close();
                    throw new OutcropException(OutcropErrorCode.MALFORMED_INPUT, names.get(index) + " has the columns " + next.columns()
                            + ", but " + names.get(0) + " has " + columns + ": every file read together must have the same columns");
                }
                current = next.rows();
            }
        }
        return null;
    }

    private Opened openAt(int at) {
        String name = names.get(at);
        Reader text = opener.apply(name);
        try {
            return format.open(name, text);
        }
        catch (RuntimeException e) {
            try {
                text.close();
            }
            catch (java.io.IOException ignored) {
                // The open failed already; that is the error to report.
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
