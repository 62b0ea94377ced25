package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.Identifier;

/** One entry of a SELECT list. */
public sealed interface SelectItem {

    /** {@code *} */
    record AllColumns() implements SelectItem {
    }

    /**
     * {@code expression [AS alias]}
     *
     * @param alias or null
     */
    record SingleColumn(Expression expression, Identifier alias) implements SelectItem {
        public SingleColumn {
            requireNonNull(expression, "expression is null");
        }
    }
}
