package dev.outcrop.core.internal.access;


import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;

/** Messages used in more than one place, so that they read the same everywhere. */
public final class Errors {

    private Errors() {
    }

    /**
     * A location that does not exist and one the caller may not use get this same text, so the error
     * does not reveal that a location exists.
     */
    public static OutcropException locationNotFound(String locationName) {
        return new OutcropException(OutcropErrorCode.LOCATION_NOT_FOUND, "location '" + locationName
                + "' does not exist or you have no privilege on it: list yours with SELECT location_name FROM information_schema.locations,"
                + " or ask its owner to GRANT USAGE ON LOCATION " + locationName + " to you");
    }

    public static OutcropException permissionDenied(String action, String objectDescription, String needed) {
        return new OutcropException(OutcropErrorCode.PERMISSION_DENIED,
                "you may not " + action + " " + objectDescription + ": it needs " + needed + ", or ask an account_admin");
    }
}
