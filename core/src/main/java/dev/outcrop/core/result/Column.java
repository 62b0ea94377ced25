package dev.outcrop.core.result;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.type.SqlType;

/** A result column: its name and type. */
public record Column(String name, SqlType type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
