package dev.outcrop.core.statement;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.expression.Identifier;

/** {@code ALTER ACCOUNT [IF EXISTS] name SET (LLM_TOKEN_BUDGET = n)}. */
public record AlterAccount(Identifier name, boolean ifExists, long llmTokenBudget) implements Statement {
    public AlterAccount {
        requireNonNull(name, "name is null");
        if (llmTokenBudget < 0) {
            throw new IllegalArgumentException("LLM_TOKEN_BUDGET must be a non-negative integer, but was " + llmTokenBudget);
        }
    }
}
