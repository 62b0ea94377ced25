package dev.outcrop.core.type;

/** The SQL types Outcrop computes with. */
public sealed interface SqlType permits ScalarType, ArrayType {

    /** The type's name as SQL writes it, such as {@code TEXT} or {@code ARRAY(DOUBLE)}. */
    String sqlName();
}
