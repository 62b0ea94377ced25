package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/** A column, optionally qualified: {@code review} or {@code reviews.review}. */
public record ColumnReference(List<Identifier> parts) implements Expression {

    public ColumnReference {
        parts = List.copyOf(requireNonNull(parts, "parts is null"));
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a column reference needs at least one name");
        }
    }

    public static ColumnReference of(String... names) {
        return new ColumnReference(java.util.Arrays.stream(names).map(Identifier::new).toList());
    }

    /** The last part: the column's own name. */
    public Identifier name() {
        return parts.get(parts.size() - 1);
    }

    @Override
    public String toString() {
        return parts.stream().map(Identifier::value).collect(Collectors.joining("."));
    }
}
