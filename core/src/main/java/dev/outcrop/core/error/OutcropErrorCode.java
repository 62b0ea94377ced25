package dev.outcrop.core.error;

import static dev.outcrop.core.error.ErrorType.DEPLOYMENT;
import static dev.outcrop.core.error.ErrorType.EXTERNAL;
import static dev.outcrop.core.error.ErrorType.INSUFFICIENT_RESOURCES;
import static dev.outcrop.core.error.ErrorType.INTERNAL_ERROR;
import static dev.outcrop.core.error.ErrorType.USER_ERROR;

/**
 * Outcrop's error codes. Codes are grouped by type and never reused; extensions use codes from
 * {@code 0x0100_0000} upwards.
 */
public enum OutcropErrorCode implements ErrorCodeSupplier {
    SQL_SYNTAX_ERROR(0x0000_0001, USER_ERROR),
    INVALID_ARGUMENT(0x0000_0002, USER_ERROR),
    INVALID_CREDENTIALS_SPEC(0x0000_0003, USER_ERROR),
    LOCATION_NOT_FOUND(0x0000_0004, USER_ERROR),
    LOCATION_ALREADY_EXISTS(0x0000_0005, USER_ERROR),
    ACCOUNT_NOT_FOUND(0x0000_0006, USER_ERROR),
    PRINCIPAL_NOT_FOUND(0x0000_0007, USER_ERROR),
    PRINCIPAL_ALREADY_EXISTS(0x0000_0008, USER_ERROR),
    PERMISSION_DENIED(0x0000_0009, USER_ERROR),
    UNKNOWN_FUNCTION(0x0000_000A, USER_ERROR),
    UNKNOWN_COLUMN(0x0000_000B, USER_ERROR),
    UNKNOWN_TABLE(0x0000_000C, USER_ERROR),
    TYPE_MISMATCH(0x0000_000D, USER_ERROR),
    NOT_SUPPORTED(0x0000_000E, USER_ERROR),
    STATEMENT_TOO_LARGE(0x0000_000F, USER_ERROR),
    CONCURRENT_MODIFICATION(0x0000_0010, USER_ERROR),
    UNKNOWN_EMBEDDING_MODEL(0x0000_0011, USER_ERROR),
    /** The statement was cancelled: by query id, by its stream's subscriber, or because another row failed. */
    QUERY_CANCELLED(0x0000_0012, USER_ERROR),
    /** DROP USER or DROP ROLE of a principal that still owns locations: give them a new owner or drop them first. */
    PRINCIPAL_OWNS_OBJECTS(0x0000_0013, USER_ERROR),
    /** At account creation or start: another account has the same trust principal, and the deployment did not allow sharing. */
    TRUST_PRINCIPAL_SHARED(0x0000_0014, USER_ERROR),
    /** A file or object read by a table-valued function is not valid CSV or JSON Lines; the message names the line and column. */
    MALFORMED_INPUT(0x0000_0015, USER_ERROR),
    /** A {@code file://} URL outside the directory Outcrop may read (or file access is off), or an object the location's identity may not read. */
    SOURCE_ACCESS_DENIED(0x0000_0016, USER_ERROR),
    /** A table-valued function's file, object or bucket does not exist. */
    SOURCE_NOT_FOUND(0x0000_0017, USER_ERROR),
    /**
     * A value does not convert to the type asked for ({@code CAST('abc' AS INTEGER)}); when it was read from a
     * file or object, the message names the URL, the line and the column.
     */
    VALUE_CONVERSION_FAILED(0x0000_0018, USER_ERROR),
    SERVICE_ACCOUNT_NOT_FOUND(0x0000_0030, USER_ERROR),
    SERVICE_ACCOUNT_ALREADY_EXISTS(0x0000_0031, USER_ERROR),
    /** A client id and secret, or a token, that do not prove who the caller is: unknown, wrong, expired or revoked. */
    AUTHENTICATION_FAILED(0x0000_0032, USER_ERROR),
    /** CREATE ACCOUNT of a name an account already has. */
    ACCOUNT_ALREADY_EXISTS(0x0000_0033, USER_ERROR),

    MODEL_INVOCATION_FAILED(0x0001_0001, EXTERNAL),
    CREDENTIALS_UNAVAILABLE(0x0001_0002, EXTERNAL),
    ROLE_ASSUMPTION_FAILED(0x0001_0003, EXTERNAL),
    CATALOG_UNAVAILABLE(0x0001_0004, EXTERNAL),
    /** More rows failed than the session's error budget ({@code ai_max_failed_rows}, {@code ai_max_failed_percent}) allows. */
    ERROR_BUDGET_EXCEEDED(0x0001_0005, EXTERNAL),
    /**
     * A location's sealed credentials cannot be unsealed by this server's keys (the key id is not
     * configured, or the key under that id is not the one that sealed them): only the statements that
     * need that location's credentials fail.
     */
    LOCATION_CREDENTIALS_UNREADABLE(0x0001_0006, EXTERNAL),
    /** At start: a configured sealing key is not the key the catalog registered under the same id. */
    SEALING_KEY_MISMATCH(0x0001_0007, EXTERNAL),
    /** Object storage (S3) failed for a reason other than a missing object or a refusal: an outage, a timeout. */
    SOURCE_UNAVAILABLE(0x0001_0008, EXTERNAL),

    MODEL_THROTTLED(0x0002_0001, INSUFFICIENT_RESOURCES),
    TOKEN_BUDGET_EXHAUSTED(0x0002_0002, INSUFFICIENT_RESOURCES),
    /** The statement ran longer than its {@code statement_timeout}. */
    STATEMENT_TIMEOUT(0x0002_0003, INSUFFICIENT_RESOURCES),
    /** A call waited longer than {@code ai_admission_timeout} for a slot under Outcrop's own concurrency limits. */
    ADMISSION_TIMEOUT(0x0002_0004, INSUFFICIENT_RESOURCES),
    /** The model runtime's own resources (its connection pool) were exhausted: a local limit, not Bedrock's. */
    LOCAL_CAPACITY_EXHAUSTED(0x0002_0005, INSUFFICIENT_RESOURCES),
    /** The server is shutting down: it finishes what runs and takes nothing new; send the request to another server, or retry. */
    SERVER_SHUTTING_DOWN(0x0002_0006, INSUFFICIENT_RESOURCES),

    INTERNAL(0x0003_0001, INTERNAL_ERROR),

    /**
     * The deployment has no AWS credentials of its own (the AWS default chain found none), which role locations need
     * to assume the account's trust principal: the operator sets them; locations with access keys work without.
     */
    DEPLOYMENT_CREDENTIALS_MISSING(0x0004_0001, DEPLOYMENT);

    private final ErrorCode errorCode;

    OutcropErrorCode(int code, ErrorType type) {
        this.errorCode = new ErrorCode(code, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
