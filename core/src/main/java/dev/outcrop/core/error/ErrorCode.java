package dev.outcrop.core.error;

import static java.util.Objects.requireNonNull;

/**
 * A stable error code: the number and name never change once released, so clients may branch on them.
 */
public record ErrorCode(int code, String name, ErrorType type) {

    public ErrorCode {
        if (code < 0) {
            throw new IllegalArgumentException("code must not be negative, but was " + code);
        }
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
