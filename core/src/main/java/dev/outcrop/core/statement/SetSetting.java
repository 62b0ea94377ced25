package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.Literal;

/** {@code SET name = value}; clients send these to configure the session. */
public record SetSetting(Identifier name, Literal value) implements Statement {
    public SetSetting {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }
}
