package dev.outcrop.core.error;

import static java.util.Objects.requireNonNull;

/**
 * A stable error code: the number and name never change once released, so clients may branch on them.
 * Serializable, so that an {@link OutcropException} sent between JVMs (a Spark task's failure reaching
 * the driver) keeps its code.
 */
public record ErrorCode(int code, String name, ErrorType type) implements java.io.Serializable {

    public ErrorCode {
        if (code < 0) {
            throw new IllegalArgumentException("code must not be negative, but was " + code);
        }
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
