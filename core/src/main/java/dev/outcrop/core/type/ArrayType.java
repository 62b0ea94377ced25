package dev.outcrop.core.type;

import static java.util.Objects.requireNonNull;

/** {@code ARRAY(element)}; embeddings are {@code ARRAY(DOUBLE)}. */
public record ArrayType(SqlType elementType) implements SqlType {

    public static final ArrayType DOUBLE_ARRAY = new ArrayType(ScalarType.DOUBLE);

    public ArrayType {
        requireNonNull(elementType, "elementType is null");
    }

    @Override
    public String sqlName() {
        return "ARRAY(" + elementType.sqlName() + ")";
    }
}
