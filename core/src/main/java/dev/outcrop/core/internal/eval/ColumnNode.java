package dev.outcrop.core.internal.eval;


import dev.outcrop.core.type.SqlType;

/** Reads a column of the input row. */
public final class ColumnNode extends Node {

    private final int index;

    public ColumnNode(SqlType type, int index) {
        super(type);
        this.index = index;
    }

    @Override
    public boolean isAsync() {
        return false;
    }

    @Override
    public Object evaluate(Object[] row) {
        return row[index];
    }
}
