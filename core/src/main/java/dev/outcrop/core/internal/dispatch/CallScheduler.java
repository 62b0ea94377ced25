package dev.outcrop.core.internal.dispatch;

import dev.outcrop.core.internal.run.StatementRun;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Admits model calls under every concurrency limit at once: the process's (never above what the model
 * runtime holds), the account's, the location's, the adaptive limit of the (location, model) and the
 * statement's. A call that does not fit waits here, in its statement's queue; statements with waiting
 * calls are served in turn, one call each, so one big statement cannot starve another.
 *
 * <p>Non-blocking: {@link #acquire} answers a future, completed on the thread that frees the slot (or at
 * once). The lock guards only counters and queues; futures complete outside it.
 */
public final class CallScheduler {

    private final int maxInFlight;
    private final int maxPerAccount;
    private final int maxPerLocation;
    private final ScheduledExecutorService timer;

    private final Object lock = new Object();
    private int inFlight;
    private long grants;
    private final Map<String, Integer> byAccount = new HashMap<>();
    private final Map<String, Integer> byLocation = new HashMap<>();
    private final Map<ModelKey, AdaptiveLimit> adaptive = new HashMap<>();
    private final Map<StatementRun, RunQueue> queues = new IdentityHashMap<>();
    private final ArrayDeque<RunQueue> turn = new ArrayDeque<>();
    private boolean wakeUpScheduled;
    /** Per thread: {pumping now, another pass asked for}; see {@link #pump()}. */
    private final ThreadLocal<boolean[]> pumping = ThreadLocal.withInitial(() -> new boolean[2]);

    private record ModelKey(String locationId, String model) {
    }

    /** One statement's waiting calls and its calls in flight. */
    private static final class RunQueue {
        final StatementRun run;
        final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
        int inFlight;
        boolean inTurn;

        RunQueue(StatementRun run) {
            this.run = run;
        }
    }

    private static final class Ticket {
        final RunQueue queue;
        final CallKey key;
        final CompletableFuture<Permit> granted = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        long number;

        Ticket(RunQueue queue, CallKey key) {
            this.queue = queue;
            this.key = key;
        }
    }

    /**
     * @param maxInFlight the process's limit, already capped by the model runtime's capacity
     */
    public CallScheduler(int maxInFlight, int maxPerAccount, int maxPerLocation, ScheduledExecutorService timer) {
        this.maxInFlight = maxInFlight;
        this.maxPerAccount = maxPerAccount;
        this.maxPerLocation = maxPerLocation;
        this.timer = timer;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * A slot for one call of the run. The future fails with the run's stop cause if the run is stopped
     * while waiting, and with ADMISSION_TIMEOUT if the run's admission timeout passes first.
     */
    public CompletableFuture<Permit> acquire(StatementRun run, CallKey key) {
        Ticket ticket;
        synchronized (lock) {
            RunQueue queue = queues.get(run);
            if (queue == null) {
                queue = new RunQueue(run);
                queues.put(run, queue);
            }
            ticket = new Ticket(queue, key);
            queue.waiting.addLast(ticket);
            if (!queue.inTurn) {
                queue.inTurn = true;
                turn.addLast(queue);
            }
        }
        run.waitingChanged(1);
        if (run.firstWatch("scheduler")) {
            run.onNoMoreCalls(() -> dropWaiting(run));
        }
        long admission = run.limits().admissionTimeoutNanos();
        if (admission > 0) {
            ticket.timeout = timer.schedule(() -> expire(ticket, admission), admission, TimeUnit.NANOSECONDS);
        }
        pump();
        if (!run.isAdmitting()) {
            dropWaiting(run);
        }
        return ticket.granted;
    }

    /**
     * Serves waiting calls while slots are free. Not re-entered on one thread: completing a grant may run the call,
     * and a model runtime that answers at once (a cache, a local model) releases the slot and pumps again inside that
     * completion, one stack level per call. So an inner pump only asks the outer one for another pass.
     */
    private void pump() {
        boolean[] state = pumping.get();
        if (state[0]) {
            state[1] = true;
            return;
        }
        state[0] = true;
        try {
            do {
                state[1] = false;
                pumpOnce();
            } while (state[1]);
        }
        finally {
            state[0] = false;
        }
    }

    /** One pass: grants what fits under the lock, then completes the granted calls outside it. */
    private void pumpOnce() {
        List<Ticket> granted = new ArrayList<>();
        long wakeUpIn = 0;
        synchronized (lock) {
            long now = System.nanoTime();
            int blocked = 0;
            while (!turn.isEmpty() && blocked < turn.size() && inFlight < maxInFlight) {
                RunQueue queue = turn.pollFirst();
                Ticket head = queue.waiting.peekFirst();
                if (head != null && fits(head, now)) {
                    queue.waiting.pollFirst();
                    grant(head);
                    granted.add(head);
                    blocked = 0;
                }
                else {
                    blocked++;
                    AdaptiveLimit limit = head == null ? null : adaptive.get(new ModelKey(head.key.locationId(), head.key.model()));
                    if (limit != null && limit.pauseRemaining(now) > 0) {
                        wakeUpIn = wakeUpIn == 0 ? limit.pauseRemaining(now) : Math.min(wakeUpIn, limit.pauseRemaining(now));
                    }
                }
                if (queue.waiting.isEmpty()) {
                    queue.inTurn = false;
                }
                else {
                    turn.addLast(queue);
                }
            }
            if (wakeUpIn > 0 && !wakeUpScheduled) {
                wakeUpScheduled = true;
            }
            else {
                wakeUpIn = 0;
            }
        }
        if (wakeUpIn > 0) {
            timer.schedule(() -> {
                synchronized (lock) {
                    wakeUpScheduled = false;
                }
                pump();
            }, wakeUpIn, TimeUnit.NANOSECONDS);
        }
        for (Ticket ticket : granted) {
            if (ticket.timeout != null) {
                ticket.timeout.cancel(false);
            }
            ticket.queue.run.waitingChanged(-1);
            Permit permit = new Permit(this, ticket.queue.run, ticket.key, ticket.number);
            if (!ticket.granted.complete(permit)) {
                permit.release(CallOutcome.ENDED, 0);
            }
        }
    }

    private boolean fits(Ticket ticket, long now) {
        CallKey key = ticket.key;
        return ticket.queue.inFlight < ticket.queue.run.limits().maxCallsInFlight()
                && byAccount.getOrDefault(key.accountName(), 0) < maxPerAccount
                && byLocation.getOrDefault(key.locationId(), 0) < maxPerLocation
                && adaptive.computeIfAbsent(new ModelKey(key.locationId(), key.model()), k -> new AdaptiveLimit(maxPerLocation, grants, now)).hasRoom(now);
    }

    private void grant(Ticket ticket) {
        CallKey key = ticket.key;
        inFlight++;
        grants++;
        ticket.number = grants;
        ticket.queue.inFlight++;
        byAccount.merge(key.accountName(), 1, Integer::sum);
        byLocation.merge(key.locationId(), 1, Integer::sum);
        adaptive.get(new ModelKey(key.locationId(), key.model())).started();
    }

    /** Frees a permit's slot and tells the adaptive limit how the call went. */
    void release(Permit permit, CallOutcome outcome, long pauseNanos) {
        synchronized (lock) {
            CallKey key = permit.key();
            inFlight--;
            decrement(byAccount, key.accountName());
            decrement(byLocation, key.locationId());
            ModelKey modelKey = new ModelKey(key.locationId(), key.model());
            AdaptiveLimit limit = adaptive.get(modelKey);
            switch (outcome) {
                case SUCCEEDED -> limit.succeeded(permit.grantNumber(), grants, System.nanoTime());
                case THROTTLED -> limit.throttled(permit.grantNumber(), grants, System.nanoTime(), pauseNanos);
                case ENDED -> limit.failed();
            }
            if (limit.idle(System.nanoTime())) {
                adaptive.remove(modelKey);
            }
            RunQueue queue = queues.get(permit.run());
            if (queue != null) {
                queue.inFlight--;
                forgetIfIdle(queue);
            }
        }
        pump();
    }

    private void forgetIfIdle(RunQueue queue) {
        if (queue.inFlight == 0 && queue.waiting.isEmpty()) {
            queues.remove(queue.run);
        }
    }

    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Fails every waiting call of a stopped run. */
    private void dropWaiting(StatementRun run) {
        List<Ticket> dropped;
        synchronized (lock) {
            RunQueue queue = queues.get(run);
            if (queue == null) {
                return;
            }
            dropped = new ArrayList<>(queue.waiting);
            queue.waiting.clear();
            turn.remove(queue);
            queue.inTurn = false;
            forgetIfIdle(queue);
        }
        for (Ticket ticket : dropped) {
            fail(ticket, run.refusal());
        }
    }

    private void expire(Ticket ticket, long admissionNanos) {
        boolean removed;
        synchronized (lock) {
            removed = ticket.queue.waiting.remove(ticket);
            if (removed) {
                if (ticket.queue.waiting.isEmpty()) {
                    turn.remove(ticket.queue);
                    ticket.queue.inTurn = false;
                }
                forgetIfIdle(ticket.queue);
            }
        }
        if (removed) {
            fail(ticket, new OutcropException(OutcropErrorCode.ADMISSION_TIMEOUT, "a call through location '" + ticket.key.locationName()
                    + "' waited more than ai_admission_timeout = " + TimeUnit.NANOSECONDS.toMillis(admissionNanos) + " ms for a slot under Outcrop's own"
                    + " concurrency limits (" + describeLimits(ticket) + "); no call was sent. Raise it with SET ai_admission_timeout = <ms>,"
                    + " or lower the load"));
        }
    }

    private String describeLimits(Ticket ticket) {
        synchronized (lock) {
            AdaptiveLimit limit = adaptive.get(new ModelKey(ticket.key.locationId(), ticket.key.model()));
            return "in flight: " + inFlight + " of " + maxInFlight + " for the process, " + byAccount.getOrDefault(ticket.key.accountName(), 0) + " of "
                    + maxPerAccount + " for the account, " + byLocation.getOrDefault(ticket.key.locationId(), 0) + " of " + maxPerLocation
                    + " for the location, adaptive limit for the model " + (limit == null ? maxPerLocation : limit.currentLimit());
        }
    }

    private static void fail(Ticket ticket, RuntimeException cause) {
        if (ticket.timeout != null) {
            ticket.timeout.cancel(false);
        }
        ticket.queue.run.waitingChanged(-1);
        ticket.granted.completeExceptionally(cause);
    }

    /** Calls in flight in the process, for tests and metrics. */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** The current adaptive limit of a location's model, for tests and metrics. */
    public int adaptiveLimit(String locationId, String model) {
        synchronized (lock) {
            AdaptiveLimit limit = adaptive.get(new ModelKey(locationId, model));
            return limit == null ? maxPerLocation : limit.currentLimit();
        }
    }
}
