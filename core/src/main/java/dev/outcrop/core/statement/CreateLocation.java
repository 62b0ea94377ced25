package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.location.LocationSource;

/**
 * {@code CREATE LOCATION [IF NOT EXISTS] name WITH SOURCE = ... CREDENTIALS = (...) [URL = ...]
 * [DESCRIPTION = ...] [REGION = ...]}.
 *
 * @param url the URL of a storage location, or null
 * @param description or null
 * @param region the AWS region, or null for the account's
 */
public record CreateLocation(
        Identifier name,
        boolean ifNotExists,
        LocationSource source,
        LocationCredentials credentials,
        String url,
        String description,
        String region) implements Statement {

    public CreateLocation {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        requireNonNull(credentials, "credentials is null");
    }
}
