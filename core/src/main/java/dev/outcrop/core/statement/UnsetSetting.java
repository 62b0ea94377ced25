package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;
import java.util.List;

/**
 * {@code UNSET name [, name ...]}: the settings go back to their defaults for the rest of the session, as Firebolt's
 * clients ({@code fb}'s {@code unset}) drop a parameter; the service answers {@code Firebolt-Remove-Parameters}.
 */
public record UnsetSetting(List<Identifier> names) implements Statement {
    public UnsetSetting {
        names = List.copyOf(requireNonNull(names, "names is null"));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("UNSET names no setting");
        }
    }
}
