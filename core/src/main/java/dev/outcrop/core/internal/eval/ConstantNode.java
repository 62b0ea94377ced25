package dev.outcrop.core.internal.eval;


import dev.outcrop.core.type.SqlType;

/** A literal. */
public final class ConstantNode extends Node {

    private final Object value;

    public ConstantNode(SqlType type, Object value) {
        super(type);
        this.value = value;
    }

    @Override
    public boolean isAsync() {
        return false;
    }

    @Override
    public Object evaluate(Object[] row) {
        return value;
    }
}
