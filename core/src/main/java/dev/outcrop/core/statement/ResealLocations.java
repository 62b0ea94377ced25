package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/**
 * {@code ALTER ACCOUNT [IF EXISTS] name RESEAL LOCATIONS}: an account_admin seals every location of their own
 * account again with the deployment's primary sealing key. The operator's command ({@code outcrop-server reseal})
 * does the same for every account.
 */
public record ResealLocations(Identifier account, boolean ifExists) implements Statement {
    public ResealLocations {
        requireNonNull(account, "account is null");
    }
}
