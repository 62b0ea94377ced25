package dev.outcrop.catalog.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A user or a role of an account. Users and roles share one namespace per account.
 */
public record PrincipalRecord(String accountName, String name, Kind kind, Instant created) {

    public enum Kind { USER, ROLE }

    public PrincipalRecord {
        requireNonNull(accountName, "accountName is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(created, "created is null");
    }
}
