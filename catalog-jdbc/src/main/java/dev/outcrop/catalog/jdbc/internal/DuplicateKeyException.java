package dev.outcrop.catalog.jdbc.internal;

/**
 * A write broke a unique constraint and was rolled back. Thrown by {@link Database#write} so that the
 * operation can find out which object was in the way and say so; never leaves the store.
 */
final class DuplicateKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DuplicateKeyException(Throwable cause) {
        super("unique constraint violated", cause, false, false);
    }
}
