package dev.outcrop.core.internal.budget;


import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-account, per-UTC-day token budget, kept in process so that a call does not cost a catalog
 * round trip.
 *
 * <p>This server leases blocks of tokens from the account's usage in the catalog, each with one atomic
 * conditional add, and hands them to calls as reservations of their estimated tokens. A finished call
 * is charged what it really used; what a lease has left is given back to the catalog as soon as the
 * account has no call in flight here. So the catalog's usage is exact whenever this server is idle,
 * catalog traffic grows with calls ÷ lease size, and every server on one catalog shares one budget.
 *
 * <p>Leases never take the usage past the budget, except the last one of the day, which may take the
 * estimate of one call while the usage is still below it (as a single call always could). The budget
 * is overshot only by what calls use beyond their estimates; see docs/execution.md for the bound.
 *
 * <p>{@code DROP ACCOUNT} deletes the account's usage with it, while this server may hold leases for its calls in
 * flight; {@link #forget} then drops the account's books, so that what those calls leave is not written back under a
 * name that no longer exists (or that a new account has taken), and refuses further reservations for the dropped account.
 */
public final class BudgetLedger {

    private static final Logger log = LoggerFactory.getLogger(BudgetLedger.class);

    private final CatalogStore store;
    private final Clock clock;
    private final Executor catalogExecutor;
    private final long leaseTokens;
    private final ConcurrentMap<BookKey, Book> books = new ConcurrentHashMap<>();
    /**
     * Accounts dropped in this process. A statement that began before the drop still holds the old account's record; it
     * must take nothing from the catalog under that name, which a new account may have taken since. The creation time
     * and external id tell the old account from a new one of the same name. One small entry per DROP ACCOUNT.
     */
    private final java.util.Set<DroppedAccount> dropped = ConcurrentHashMap.newKeySet();

    private record BookKey(String accountName, LocalDate day) {
    }

    private record DroppedAccount(String accountName, java.time.Instant created, String externalId) {
        static DroppedAccount of(AccountRecord account) {
            return new DroppedAccount(account.accountName(), account.created(), account.externalId());
        }
    }

    /** Tokens set aside for one call; settle it exactly once. */
    public static final class Grant {
        private final Book book;
        private final long reserved;
        private boolean settled;

        private Grant(Book book, long reserved) {
            this.book = book;
            this.reserved = reserved;
        }

        public long reserved() {
            return reserved;
        }
    }

    private record Waiter(long estimate, CompletableFuture<Grant> granted) {
    }

    /** One account's day on this server. Guarded by itself. */
    private final class Book {
        final String account;
        final LocalDate day;
        long budget;
        long leased;
        long reserved;
        long consumed;
        int inFlight;
        boolean leasing;
        /** The last lease was refused while calls were in flight: wait for them before asking again. */
        boolean parked;
        long unwritten;
        /** Usage writes on their way to the catalog: until they land, a read of the catalog's usage is stale. */
        int writing;
        /** A refusal is waiting for the writes above, so that it reports the usage they leave. */
        boolean leaseAfterWrites;
        /** Counts usage writes started, so that a lease can tell whether one began after it read the usage. */
        long writesStarted;
        /** The account was dropped: nothing more is leased or written for this book, and its calls in flight only settle here. */
        boolean dropped;
        final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

        Book(String account, LocalDate day) {
            this.account = account;
            this.day = day;
        }

        long available() {
            return leased - reserved - consumed;
        }

        /** Hands reservations to waiters in order while the lease covers them. Call with the lock held. */
        List<Runnable> serveLocked() {
            List<Runnable> served = new ArrayList<>();
            while (!waiters.isEmpty() && available() >= waiters.peekFirst().estimate()) {
                Waiter waiter = waiters.pollFirst();
                reserved += waiter.estimate();
                inFlight++;
                Grant grant = new Grant(this, waiter.estimate());
                served.add(() -> {
                    if (!waiter.granted().complete(grant)) {
                        settle(grant, 0);
                    }
                });
            }
            return served;
        }
    }

    /**
     * @param catalogExecutor where catalog round trips run (they block)
     * @param leaseTokens tokens taken from the budget per round trip
     */
    public BudgetLedger(CatalogStore store, Clock clock, Executor catalogExecutor, long leaseTokens) {
        this.store = store;
        this.clock = clock;
        this.catalogExecutor = catalogExecutor;
        this.leaseTokens = leaseTokens;
    }

    /** Reserves the estimate for one call, or fails with TOKEN_BUDGET_EXHAUSTED. Rarely waits for the catalog. */
    public CompletableFuture<Grant> reserve(AccountRecord account, long estimate) {
        long tokens = Math.max(1, estimate);
        LocalDate day = today();
        Book book = books.computeIfAbsent(new BookKey(account.accountName(), day), key -> new Book(key.accountName(), key.day()));
        CompletableFuture<Grant> result = new CompletableFuture<>();
        boolean lease = false;
        synchronized (book) {
            // Under the book's lock: forget() records the drop before it marks the books, so a reservation either came
            // before the drop (and settles without a write-back) or sees it here. The book is left alone: it may already
            // be a new account's of the same name.
            if (book.dropped || dropped.contains(DroppedAccount.of(account))) {
                return CompletableFuture.failedFuture(droppedError(account.accountName()));
            }
            book.budget = account.llmTokenBudget();
            if (book.budget <= 0) {
                result = null;
            }
            else if (book.waiters.isEmpty() && book.available() >= tokens) {
                book.reserved += tokens;
                book.inFlight++;
                return CompletableFuture.completedFuture(new Grant(book, tokens));
            }
            else {
                book.waiters.addLast(new Waiter(tokens, result));
                if (!book.leasing && !book.parked) {
                    book.leasing = true;
                    lease = true;
                }
            }
        }
        if (result == null) {
            return CompletableFuture.supplyAsync(() -> {
                throw exhausted(book, store.usage(book.account, book.day));
            }, catalogExecutor);
        }
        if (lease) {
            catalogExecutor.execute(() -> lease(book));
        }
        return result;
    }

    /**
     * Charges a finished call what it used (0 if it failed before Bedrock answered) and gives back its
     * reservation. The future completes once any catalog write this caused is done.
     */
    public CompletableFuture<Void> settle(Grant grant, long actualTokens) {
        Book book = grant.book;
        List<Runnable> served;
        boolean leaseAgain = false;
        long write;
        synchronized (book) {
            if (grant.settled) {
                return CompletableFuture.completedFuture(null);
            }
            grant.settled = true;
            if (book.dropped) {
                // Its usage was deleted with it: nothing is written back, and nothing is leased again.
                book.inFlight--;
                return CompletableFuture.completedFuture(null);
            }
            book.reserved -= grant.reserved;
            book.consumed += Math.max(0, actualTokens);
            book.inFlight--;
            if (book.consumed > book.leased) {
                // Calls used more than was leased: the excess is recorded whatever the budget says, in
                // batches of a tenth of a lease (or when the account goes idle), not once per call.
                book.unwritten += book.consumed - book.leased;
                book.leased = book.consumed;
            }
            served = book.serveLocked();
            if (book.inFlight == 0) {
                // Idle: give back what is left, so the catalog holds exactly the tokens used.
                book.unwritten -= book.leased - book.consumed;
                book.leased = 0;
                book.consumed = 0;
                if (!book.waiters.isEmpty() && !book.leasing) {
                    book.parked = false;
                    book.leasing = true;
                    leaseAgain = true;
                }
                else if (book.waiters.isEmpty()) {
                    book.parked = false;
                }
            }
            else if (book.parked && !served.isEmpty()) {
                book.parked = false;
            }
            if (book.inFlight == 0 || book.unwritten >= Math.max(1, leaseTokens / 10) || book.unwritten < 0) {
                write = book.unwritten;
                book.unwritten = 0;
                if (write != 0) {
                    book.writing++;
                    book.writesStarted++;
                }
            }
            else {
                write = 0;
            }
        }
        served.forEach(Runnable::run);
        CompletableFuture<Void> written = write == 0 ? CompletableFuture.completedFuture(null) : write(book, write);
        if (!leaseAgain) {
            if (book.inFlight == 0) {
                forgetIfIdle(book);
            }
            return written;
        }
        return written.thenRunAsync(() -> lease(book), catalogExecutor);
    }

    private CompletableFuture<Void> write(Book book, long delta) {
        return CompletableFuture.runAsync(() -> {
            try {
                synchronized (book) {
                    if (book.dropped) {
                        return;
                    }
                }
                store.addUsage(book.account, book.day, delta);
            }
            catch (RuntimeException e) {
                // Keep it for the next write: usage is never lost, only late (unless the account is gone meanwhile).
                synchronized (book) {
                    if (!book.dropped) {
                        book.unwritten += delta;
                    }
                }
                log.warn("Could not record {} tokens of account '{}' in the catalog; they are kept and written with the next change", delta, book.account, e);
            }
            finally {
                boolean leaseNow;
                synchronized (book) {
                    book.writing--;
                    leaseNow = book.writing == 0 && book.leaseAfterWrites;
                    if (leaseNow) {
                        book.leaseAfterWrites = false;
                    }
                }
                if (leaseNow) {
                    lease(book);
                }
            }
        }, catalogExecutor);
    }

    /** Blocking: takes a lease for the waiting calls, or refuses them. */
    private void lease(Book book) {
        long need;
        long budget;
        // A usage read while a write is on its way, or before one that starts later, may still count a lease
        // remainder that is being given back; such a read must not be reported in a refusal.
        boolean writingAtRead;
        long writesAtRead;
        synchronized (book) {
            if (book.dropped) {
                book.leasing = false;
                return;
            }
            need = book.waiters.stream().mapToLong(Waiter::estimate).sum();
            budget = book.budget;
            writingAtRead = book.writing > 0;
            writesAtRead = book.writesStarted;
        }
        if (need == 0) {
            synchronized (book) {
                book.leasing = false;
            }
            return;
        }
        long granted = 0;
        long usage = -1;
        try {
            long amount = Math.max(leaseTokens, need);
            if (store.addUsageWithinLimit(book.account, book.day, amount, budget).isPresent()) {
                granted = amount;
            }
            else {
                usage = store.usage(book.account, book.day);
                long remaining = budget - usage;
                if (remaining >= need && store.addUsageWithinLimit(book.account, book.day, remaining, budget).isPresent()) {
                    granted = remaining;
                }
                else {
                    // The day's last call: allowed while the usage is below the budget, as a lone call always was.
                    long single;
                    synchronized (book) {
                        single = book.waiters.isEmpty() ? 0 : book.waiters.peekFirst().estimate();
                    }
                    OptionalLong total = single == 0 ? OptionalLong.empty() : store.addUsageWithinLimit(book.account, book.day, single, budget - 1 + single);
                    if (total.isPresent()) {
                        granted = single;
                    }
                    else {
                        usage = store.usage(book.account, book.day);
                    }
                }
            }
        }
        catch (RuntimeException e) {
            failAll(book, e);
            return;
        }
        List<Runnable> served;
        List<Waiter> refused = List.of();
        boolean again = false;
        synchronized (book) {
            book.leasing = false;
            if (book.dropped) {
                // Dropped while the lease was on its way: forget() has refused the waiters. The lease was written
                // before the delete (and went with it) unless the two crossed; see forget().
                return;
            }
            book.leased += granted;
            served = book.serveLocked();
            if (granted == 0) {
                if (book.inFlight > 0) {
                    // Calls in flight may leave part of their reservations: wait for them before refusing.
                    book.parked = true;
                }
                else if (book.writing > 0) {
                    // The usage read above may still hold a lease remainder being given back: try again (and,
                    // if still refused, report the usage) once those writes have landed.
                    book.leasing = true;
                    book.leaseAfterWrites = true;
                }
                else if (writingAtRead || book.writesStarted != writesAtRead) {
                    // Those writes have landed since the read: read again.
                    book.leasing = true;
                    again = true;
                }
                else {
                    refused = new ArrayList<>(book.waiters);
                    book.waiters.clear();
                }
            }
            else if (!book.waiters.isEmpty()) {
                book.leasing = true;
                again = true;
            }
        }
        served.forEach(Runnable::run);
        if (!refused.isEmpty()) {
            long settled = usage;
            OutcropException error = exhausted(book, settled);
            refused.forEach(waiter -> waiter.granted().completeExceptionally(error));
        }
        if (again) {
            catalogExecutor.execute(() -> lease(book));
        }
    }

    private void failAll(Book book, RuntimeException e) {
        List<Waiter> failed;
        synchronized (book) {
            book.leasing = false;
            failed = new ArrayList<>(book.waiters);
            book.waiters.clear();
        }
        failed.forEach(waiter -> waiter.granted().completeExceptionally(e));
    }

    private void forgetIfIdle(Book book) {
        if (!book.day.equals(today())) {
            synchronized (book) {
                if (book.inFlight == 0 && book.waiters.isEmpty() && !book.leasing) {
                    books.remove(new BookKey(book.account, book.day), book);
                }
            }
        }
    }

    private OutcropException exhausted(Book book, long catalogUsage) {
        long unspent;
        synchronized (book) {
            unspent = book.leased - book.consumed;
        }
        long used = Math.max(0, catalogUsage - unspent);
        return new OutcropException(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED, "the LLM token budget of account '" + book.account
                + "' is used up for today (UTC): " + used + " of " + book.budget + " tokens used. Raise it with ALTER ACCOUNT "
                + book.account + " SET (LLM_TOKEN_BUDGET = <tokens>), or wait until 00:00 UTC");
    }

    /**
     * Forgets an account that {@code DROP ACCOUNT} has just deleted from the catalog, with its usage: its books go, the
     * calls waiting for a lease fail with {@code ACCOUNT_NOT_FOUND}, the calls in flight settle without writing anything
     * back, and later reservations for the dropped account fail the same way (a new account of the same name is not
     * affected). A lease or usage write already on its way to the catalog when the drop commits may still land after it:
     * the window is one catalog round trip, and other servers on the same catalog learn of the drop only when their
     * calls next read the account.
     */
    public void forget(AccountRecord account) {
        java.util.Objects.requireNonNull(account, "account is null");
        dropped.add(DroppedAccount.of(account));
        List<Waiter> refused = new ArrayList<>();
        for (Book book : books.values()) {
            if (!book.account.equals(account.accountName())) {
                continue;
            }
            synchronized (book) {
                book.dropped = true;
                refused.addAll(book.waiters);
                book.waiters.clear();
                book.leased = 0;
                book.consumed = 0;
                book.reserved = 0;
                book.unwritten = 0;
                book.parked = false;
                book.leaseAfterWrites = false;
            }
            books.remove(new BookKey(book.account, book.day), book);
        }
        OutcropException error = droppedError(account.accountName());
        refused.forEach(waiter -> waiter.granted().completeExceptionally(error));
    }

    private static OutcropException droppedError(String accountName) {
        return new OutcropException(OutcropErrorCode.ACCOUNT_NOT_FOUND, "account '" + accountName + "' was dropped while this statement "
                + "ran: no further model call is made for it, and its token usage is not recorded");
    }

    /** Tokens used today by the account, without the tokens this server holds leased for calls in flight. Blocking. */
    public long usageToday(String accountName) {
        LocalDate day = today();
        long usage = store.usage(accountName, day);
        Book book = books.get(new BookKey(accountName, day));
        if (book == null) {
            return usage;
        }
        synchronized (book) {
            return Math.max(0, usage - (book.leased - book.consumed) + book.unwritten);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
