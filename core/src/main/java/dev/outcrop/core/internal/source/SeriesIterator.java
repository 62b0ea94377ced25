package dev.outcrop.core.internal.source;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** GENERATE_SERIES's numbers, computed as they are taken, so a series of any length costs no memory. */
final class SeriesIterator implements Iterator<Object[]> {

    private final long stop;
    private final long step;
    private long next;
    private boolean done;

    SeriesIterator(long start, long stop, long step) {
        this.next = start;
        this.stop = stop;
        this.step = step;
        this.done = step > 0 ? start > stop : start < stop;
    }

    @Override
    public boolean hasNext() {
        return !done;
    }

    @Override
    public Object[] next() {
        if (done) {
            throw new NoSuchElementException();
        }
        long value = next;
        long following = value + step;
        // Stop on overflow as well as past the end.
        done = step > 0 ? (following > stop || following < value) : (following < stop || following > value);
        next = following;
        return new Object[] {value};
    }
}
