package dev.outcrop.core.internal.eval;


import dev.outcrop.core.type.SqlType;

/** Reads a column of the input row. */
public final class ColumnNode extends Node {

    private final int index;
    private final String name;

    public ColumnNode(SqlType type, int index, String name) {
        super(type);
        this.index = index;
        this.name = name;
    }

    public int index() {
        return index;
    }

    /** The column's name, for messages. */
    public String name() {
        return name;
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
