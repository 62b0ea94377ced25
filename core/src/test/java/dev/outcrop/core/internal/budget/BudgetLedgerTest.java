package dev.outcrop.core.internal.budget;


import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogStore;
import java.lang.reflect.Proxy;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class BudgetLedgerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Counts the catalog's budget round trips, around an in-memory store. */
    private static CatalogStore counting(InMemoryCatalogStore store, AtomicInteger roundTrips) {
        return (CatalogStore) Proxy.newProxyInstance(CatalogStore.class.getClassLoader(), new Class<?>[] {CatalogStore.class}, (proxy, method, args) -> {
            if (method.getName().equals("addUsage") || method.getName().equals("addUsageWithinLimit")) {
                roundTrips.incrementAndGet();
            }
            try {
                return method.invoke(store, args);
            }
            catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static AccountRecord account(long budget) {
        return new AccountRecord("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", budget, NOW, 1);
    }

    @Test
    void manyCallsInFlight_costACatalogRoundTripPerBlock_notPerCall_andUsageEndsExact() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        store.createAccount(account(1_000_000));
        AtomicInteger roundTrips = new AtomicInteger();
        BudgetLedger ledger = new BudgetLedger(counting(store, roundTrips), clock, Runnable::run, 1_000);
        List<BudgetLedger.Grant> grants = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            grants.add(ledger.reserve(account(1_000_000), 10).join());
        }
        int leases = roundTrips.get();
        long charged = 0;
        for (BudgetLedger.Grant grant : grants) {
            ledger.settle(grant, 12).join();
            charged += 12;
        }

        assertThat(leases).as("10,000 tokens reserved in blocks of 1,000").isEqualTo(10);
        assertThat(roundTrips.get()).as("2,000 tokens used beyond the estimates are written a tenth of a block at a time, plus the final give-back")
                .isLessThanOrEqualTo(leases + 2_000 / 100 + 1);
        assertThat(store.usage("acct", TODAY)).as("the catalog holds exactly what was charged").isEqualTo(charged);
        assertThat(ledger.usageToday("acct")).isEqualTo(charged);
    }

    @Test
    void whileCallsAreInFlight_usageShowsSettledTokens_notTheLease() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        store.createAccount(account(1_000_000));
        BudgetLedger ledger = new BudgetLedger(store, clock, Runnable::run, 10_000);
        BudgetLedger.Grant first = ledger.reserve(account(1_000_000), 100).join();
        BudgetLedger.Grant second = ledger.reserve(account(1_000_000), 100).join();
        ledger.settle(first, 40).join();

        assertThat(store.usage("acct", TODAY)).as("the catalog holds the lease").isEqualTo(10_000);
        assertThat(ledger.usageToday("acct")).as("the view subtracts what this server holds unspent").isEqualTo(40);
        ledger.settle(second, 60).join();
        assertThat(store.usage("acct", TODAY)).isEqualTo(100);
    }

    @Test
    void leasesNeverPassTheBudget_andTheRefusalReportsSettledUsage() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        store.createAccount(account(1_000));
        BudgetLedger ledger = new BudgetLedger(store, clock, Runnable::run, 10_000);
        List<BudgetLedger.Grant> grants = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            CompletableFuture<BudgetLedger.Grant> grant = ledger.reserve(account(1_000), 10);
            assertThat(grant).as("1,000 tokens hold 100 calls of 10").isCompleted();
            grants.add(grant.join());
        }
        assertThat(store.usage("acct", TODAY)).as("the lease took what was left, not a whole block").isEqualTo(1_000);

        CompletableFuture<BudgetLedger.Grant> parked = ledger.reserve(account(1_000), 10);
        assertThat(parked).as("calls in flight may still give tokens back: the next one waits for them").isNotDone();
        for (BudgetLedger.Grant grant : grants) {
            ledger.settle(grant, 5).join();
        }
        assertThat(parked).as("half was given back, so the waiting call is served").isDone();
        assertThat(parked.isCompletedExceptionally()).isFalse();
        ledger.settle(parked.join(), 500).join();

        Throwable refusal = ledger.reserve(account(1_000), 10).handle((g, e) -> e).join();
        assertThat(((OutcropException) refusal).errorCode()).isEqualTo(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED.toErrorCode());
        assertThat(refusal).hasMessageContaining("1000 of 1000 tokens used");
        assertThat(store.usage("acct", TODAY)).isEqualTo(1_000);
    }

    @Test
    void aZeroBudget_refusesAtOnce() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        store.createAccount(account(0));
        BudgetLedger ledger = new BudgetLedger(store, clock, Runnable::run, 10_000);

        Throwable refusal = ledger.reserve(account(0), 10).handle((g, e) -> e).join();

        assertThat(refusal).isInstanceOf(java.util.concurrent.CompletionException.class).cause()
                .hasMessageContaining("0 of 0 tokens used");
    }

    @Test
    void aDroppedAccountsCallInFlight_writesNothingBack_andANewAccountOfTheSameNameStartsClean() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        AccountRecord old = account(1_000_000);
        store.createAccount(old);
        BudgetLedger ledger = new BudgetLedger(store, clock, Runnable::run, 10_000);
        BudgetLedger.Grant inFlight = ledger.reserve(old, 100).join();
        assertThat(store.usage("acct", TODAY)).as("the lease is in the catalog").isEqualTo(10_000);

        // DROP ACCOUNT: the catalog deletes the account with its usage, then the ledger is told.
        store.deleteAccount("acct");
        ledger.forget(old);
        ledger.settle(inFlight, 40).join();
        Throwable afterDrop = ledger.reserve(old, 100).handle((g, e) -> e).join();

        assertThat(store.usage("acct", TODAY)).as("the lease's remainder is not given back to a deleted account").isZero();
        assertThat(afterDrop).isInstanceOf(OutcropException.class).hasMessageContaining("account 'acct' was dropped while this statement ran");
        assertThat(((OutcropException) afterDrop).errorCode()).isEqualTo(OutcropErrorCode.ACCOUNT_NOT_FOUND.toErrorCode());
        assertThat(store.usage("acct", TODAY)).as("nor is a new lease taken for it").isZero();

        // A new account of the same name (made later, with its own external id) has its own, untouched budget.
        AccountRecord renewed = new AccountRecord("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", 1_000, NOW.plusSeconds(60), 1,
                "new-external-id");
        store.createAccount(renewed);
        BudgetLedger.Grant fresh = ledger.reserve(renewed, 100).join();
        assertThat(store.usage("acct", TODAY)).as("leased within its own budget of 1,000").isEqualTo(1_000);
        ledger.settle(fresh, 50).join();
        assertThat(store.usage("acct", TODAY)).isEqualTo(50);
        assertThat(ledger.usageToday("acct")).isEqualTo(50);
    }

    @Test
    void aCallWaitingForALease_failsWhenItsAccountIsDropped_andTheLeaseIsNotTaken() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        AccountRecord old = account(1_000_000);
        store.createAccount(old);
        List<Runnable> catalogWork = new ArrayList<>();
        BudgetLedger ledger = new BudgetLedger(store, clock, catalogWork::add, 10_000);
        CompletableFuture<BudgetLedger.Grant> waiting = ledger.reserve(old, 100);
        assertThat(waiting).as("waits for the lease, which is queued for the catalog executor").isNotDone();

        store.deleteAccount("acct");
        ledger.forget(old);
        catalogWork.forEach(Runnable::run);

        assertThat(waiting).isCompletedExceptionally();
        assertThat(waiting.handle((g, e) -> e).join()).isInstanceOf(OutcropException.class).hasMessageContaining("account 'acct' was dropped");
        assertThat(store.usage("acct", TODAY)).as("the queued lease did not write usage for the deleted account").isZero();
    }
}
