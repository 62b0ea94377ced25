package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Expression;
import java.util.List;

/**
 * {@code SELECT items [FROM relation] [WHERE condition] [LIMIT n]}.
 *
 * @param from or null
 * @param where or null
 * @param limit or null
 */
public record Select(List<SelectItem> items, Relation from, Expression where, Long limit) implements Statement {
    public Select {
        items = List.copyOf(requireNonNull(items, "items is null"));
        if (items.isEmpty()) {
            throw new IllegalArgumentException("SELECT needs at least one item");
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("LIMIT must not be negative, but was " + limit);
        }
    }
}
