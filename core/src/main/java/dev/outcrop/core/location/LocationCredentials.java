package dev.outcrop.core.location;

/**
 * The credentials a location holds: one of two shapes, never both. Implementations never print a
 * secret: their {@code toString} masks every value.
 */
public sealed interface LocationCredentials permits AccessKeyCredentials, RoleCredentials {

    /** The credential keys as written in SQL, with every value replaced by {@code ****}, in canonical order. */
    java.util.List<String> maskedKeys();
}
