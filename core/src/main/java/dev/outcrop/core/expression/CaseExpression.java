package dev.outcrop.core.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}.
 *
 * @param operand the value compared with each WHEN (simple CASE), or null (searched CASE)
 * @param elseResult the ELSE result, or null
 */
public record CaseExpression(Expression operand, List<WhenClause> whenClauses, Expression elseResult) implements Expression {
    public CaseExpression {
        whenClauses = List.copyOf(requireNonNull(whenClauses, "whenClauses is null"));
        if (whenClauses.isEmpty()) {
            throw new IllegalArgumentException("CASE needs at least one WHEN");
        }
    }
}
