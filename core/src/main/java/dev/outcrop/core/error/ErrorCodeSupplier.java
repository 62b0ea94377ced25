package dev.outcrop.core.error;

/** Implemented by enums of error codes, Outcrop's own and extensions'. */
public interface ErrorCodeSupplier {
    ErrorCode toErrorCode();
}
