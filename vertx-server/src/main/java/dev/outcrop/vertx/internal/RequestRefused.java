package dev.outcrop.vertx.internal;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;

/**
 * A request the service refuses before running anything (unreadable body, bad parameter, wrong method,
 * foreign origin), with the HTTP status that says why. Rendered in Firebolt's error shape like every
 * other error.
 */
final class RequestRefused extends OutcropException {

    private static final long serialVersionUID = 1L;

    private final int status;

    RequestRefused(int status, OutcropErrorCode code, String message) {
        super(code, message);
        this.status = status;
    }

    static RequestRefused badRequest(String message) {
        return new RequestRefused(400, OutcropErrorCode.INVALID_ARGUMENT, message);
    }

    int status() {
        return status;
    }
}
