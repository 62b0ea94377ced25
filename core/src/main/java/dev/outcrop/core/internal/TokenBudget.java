package dev.outcrop.core.internal;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.OptionalLong;

/**
 * The per-account, per-UTC-day LLM token budget.
 *
 * <p>Before a call, its estimated input tokens are reserved with one atomic conditional add in the
 * catalog, which succeeds only while the day's usage is below the budget; after the call the
 * reservation is corrected to the usage the response reported (or released, if the call failed).
 * So every server on one catalog shares one budget, and concurrent calls can overspend by no more
 * than what the calls already in flight use.
 */
final class TokenBudget {

    private final CatalogStore store;
    private final Clock clock;

    TokenBudget(CatalogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A reservation to settle once the call is over. */
    record Reservation(String accountName, LocalDate day, long reserved) {
    }

    /** Blocking. Refuses the call when the day's usage has reached the budget. */
    Reservation reserve(AccountRecord account, long estimatedTokens) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long budget = account.llmTokenBudget();
        long estimate = Math.max(1, estimatedTokens);
        // current + estimate <= budget - 1 + estimate  <=>  current < budget
        OptionalLong total = budget <= 0 ? OptionalLong.empty()
                : store.addUsageWithinLimit(account.accountName(), day, estimate, budget - 1 + estimate);
        if (total.isEmpty()) {
            long used = store.usage(account.accountName(), day);
            throw new OutcropException(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED, "the LLM token budget of account '" + account.accountName()
                    + "' is used up for today (UTC): " + used + " of " + budget + " tokens used. Raise it with ALTER ACCOUNT "
                    + account.accountName() + " SET (LLM_TOKEN_BUDGET = <tokens>), or wait until 00:00 UTC");
        }
        return new Reservation(account.accountName(), day, estimate);
    }

    /** Blocking. Replaces the reservation with the tokens the call really used (0 if it failed). */
    void settle(Reservation reservation, long actualTokens) {
        long correction = actualTokens - reservation.reserved();
        if (correction != 0) {
            store.addUsage(reservation.accountName(), reservation.day(), correction);
        }
    }

    /** Tokens used today by the account. Blocking. */
    long usageToday(String accountName) {
        return store.usage(accountName, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
