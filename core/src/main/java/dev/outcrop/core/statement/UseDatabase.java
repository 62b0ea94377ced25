package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code USE DATABASE name}; clients send it, and it sets the session's database. */
public record UseDatabase(Identifier database) implements Statement {
    public UseDatabase {
        requireNonNull(database, "database is null");
    }
}
