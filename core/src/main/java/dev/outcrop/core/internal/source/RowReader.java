package dev.outcrop.core.internal.source;

/** Reads a source's rows one at a time; may block on I/O, so it is only called on a blocking-work thread. */
public interface RowReader extends AutoCloseable {

    /** The next row, or null at the end. Malformed input fails with a message that names where. */
    Object[] next();

    @Override
    void close();
}
