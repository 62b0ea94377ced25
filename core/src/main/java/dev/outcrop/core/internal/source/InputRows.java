package dev.outcrop.core.internal.source;

import java.util.Iterator;

/**
 * The rows a SELECT reads, pulled by the row pipeline without blocking: {@link #poll()} hands out a row
 * that is ready, or null when none is ready yet. A source that fills in the background calls the
 * listener given to {@link #start} whenever a row arrives or the input ends, so the pipeline pulls again.
 */
public interface InputRows {

    /** Starts the input; {@code ready} is called (from any thread) when {@link #poll} may have something new. */
    void start(Runnable ready);

    /** The next row if one is ready, else null: then see {@link #finished()} and {@link #failure()}. */
    Object[] poll();

    /** True once every row has been handed out by {@link #poll}. */
    boolean finished();

    /** Why the input failed, or null. */
    RuntimeException failure();

    /** Stops reading: the statement needs no more rows. Idempotent. */
    void close();

    /** Rows already in memory, such as a VALUES list. */
    static InputRows of(Iterator<Object[]> rows) {
        return new InputRows() {
            @Override
            public void start(Runnable ready) {
            }

            @Override
            public Object[] poll() {
                return rows.hasNext() ? rows.next() : null;
            }

            @Override
            public boolean finished() {
                return !rows.hasNext();
            }

            @Override
            public RuntimeException failure() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
