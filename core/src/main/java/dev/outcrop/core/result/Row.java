package dev.outcrop.core.result;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One result row. Values are {@code null}, {@link String}, {@link Boolean}, {@link Long},
 * {@link Double}, {@link java.time.Instant} or {@code double[]} (for {@code ARRAY(DOUBLE)}), as the
 * column's type says.
 */
public final class Row {

    private final Object[] values;

    private Row(Object[] values) {
        this.values = values;
    }

    /** Wraps the given values; the array is copied. */
    public static Row of(Object... values) {
        return new Row(values.clone());
    }

    public int size() {
        return values.length;
    }

    public Object get(int index) {
        return values[index];
    }

    /** The values, unmodifiable; may contain nulls. */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && Arrays.deepEquals(values, row.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(values);
    }
}
