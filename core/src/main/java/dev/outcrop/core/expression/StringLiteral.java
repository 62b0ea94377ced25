package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

/** A string constant ({@code '...'}, {@code E'...'} or {@code $$...$$}): the value, escapes resolved. */
public record StringLiteral(String value) implements Literal {
    public StringLiteral {
        requireNonNull(value, "value is null");
    }
}
