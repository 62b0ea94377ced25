package dev.outcrop.core.type;

/** Types without components. */
public enum ScalarType implements SqlType {
    TEXT,
    BOOLEAN,
    INTEGER,
    BIGINT,
    DOUBLE,
    TIMESTAMPTZ,
    /** The type of an untyped NULL literal; it converts to every type. */
    NULL;

    @Override
    public String sqlName() {
        return name();
    }
}
