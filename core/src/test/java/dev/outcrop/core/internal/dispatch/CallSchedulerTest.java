package dev.outcrop.core.internal.dispatch;

import dev.outcrop.core.internal.run.RunLimits;
import dev.outcrop.core.internal.run.StatementRun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class CallSchedulerTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static StatementRun run(String id, int maxInFlight) {
        return new StatementRun(id, "acct", "user", null, "SELECT …", Instant.EPOCH,
                new RunLimits(maxInFlight, 1024, 0, 0, 8, -1, -1, true), System.nanoTime(), null, 0);
    }

    private static CallKey key(String location, String model) {
        return new CallKey("acct", location, location, model);
    }

    private static long granted(List<CompletableFuture<Permit>> permits) {
        return permits.stream().filter(p -> p.isDone() && !p.isCompletedExceptionally()).count();
    }

    @Test
    void neverGrantsMoreThanTheProcessLimit_andAReleaseAdmitsTheNextWaiter() {
        CallScheduler scheduler = new CallScheduler(3, 100, 100, timer);
        StatementRun run = run("q", 100);
        List<CompletableFuture<Permit>> permits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            permits.add(scheduler.acquire(run, key("loc", "m")));
        }

        assertThat(granted(permits)).isEqualTo(3);
        assertThat(run.progress().callsWaiting()).isEqualTo(7);
        permits.get(0).join().release(CallOutcome.SUCCEEDED, 0);
        assertThat(granted(permits)).isEqualTo(4);
        assertThat(permits.get(3)).as("waiters are served in order").isDone();
        assertThat(scheduler.inFlight()).isEqualTo(3);
    }

    @Test
    void theStatementsAndTheLocationsLimitsHoldToo() {
        CallScheduler scheduler = new CallScheduler(100, 100, 4, timer);
        StatementRun small = run("small", 2);
        StatementRun other = run("other", 100);
        List<CompletableFuture<Permit>> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(scheduler.acquire(small, key("loc", "m")));
        }
        List<CompletableFuture<Permit>> theirs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            theirs.add(scheduler.acquire(other, key("loc", "m")));
        }
        CompletableFuture<Permit> elsewhere = scheduler.acquire(other, key("loc2", "m"));

        assertThat(granted(mine)).as("the statement's own limit").isEqualTo(2);
        assertThat(granted(theirs)).as("the location's limit: 4 in all").isEqualTo(2);
        assertThat(elsewhere).as("queued behind the same statement's earlier call, in order").isNotDone();
    }

    @Test
    void statementsWithWaitingCallsAreServedInTurn() {
        CallScheduler scheduler = new CallScheduler(1, 100, 100, timer);
        StatementRun big = run("big", 100);
        StatementRun small = run("small", 100);
        CompletableFuture<Permit> first = scheduler.acquire(big, key("loc", "m"));
        List<CompletableFuture<Permit>> bigWaiting = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bigWaiting.add(scheduler.acquire(big, key("loc", "m")));
        }
        CompletableFuture<Permit> smallCall = scheduler.acquire(small, key("loc", "m"));

        first.join().release(CallOutcome.SUCCEEDED, 0);
        bigWaiting.get(0).join().release(CallOutcome.SUCCEEDED, 0);

        assertThat(smallCall).as("the small statement's call goes second, not after the big one's hundred").isDone();
    }

    @Test
    void aRoundWithThrottlesLowersTheModelsLimit_judgedOncePerRound_andOtherModelsAreNotSlowed() {
        CallScheduler scheduler = new CallScheduler(100, 100, 16, timer);
        StatementRun run = run("q", 100);
        List<Permit> round = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            round.add(scheduler.acquire(run, key("loc", "m")).join());
        }
        round.get(0).release(CallOutcome.THROTTLED, 0);
        round.get(1).release(CallOutcome.THROTTLED, 0);
        round.get(2).release(CallOutcome.THROTTLED, 0);
        assertThat(scheduler.adaptiveLimit("loc", "m")).as("judged when the round is over, not at each throttle").isEqualTo(16);

        for (int i = 3; i < 16; i++) {
            round.get(i).release(CallOutcome.SUCCEEDED, 0);
        }
        assertThat(scheduler.adaptiveLimit("loc", "m")).as("3 of 16 throttled: 16 x 0.7").isEqualTo(11);
        assertThat(scheduler.adaptiveLimit("loc", "other-model")).as("other models are not slowed").isEqualTo(16);

        List<CompletableFuture<Permit>> next = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            next.add(scheduler.acquire(run, key("loc", "m")));
        }
        assertThat(granted(next)).as("the lower limit holds").isEqualTo(11);
    }

    @Test
    void retryAfterPausesTheModel_untilItHasPassed() throws Exception {
        CallScheduler scheduler = new CallScheduler(100, 100, 16, timer);
        StatementRun run = run("q", 100);
        scheduler.acquire(run, key("loc", "m")).join().release(CallOutcome.THROTTLED, 200_000_000L);

        CompletableFuture<Permit> paused = scheduler.acquire(run, key("loc", "m"));
        assertThat(paused).as("no call while the service's Retry-After runs").isNotDone();
        assertThat(paused.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("admitted once it has passed").isNotNull();
    }

    @Test
    void stoppingARun_failsItsWaitingCallsWithTheCause_andFreesNothingItDidNotHold() {
        CallScheduler scheduler = new CallScheduler(1, 100, 100, timer);
        StatementRun holder = run("holder", 100);
        StatementRun waiter = run("waiter", 100);
        CompletableFuture<Permit> held = scheduler.acquire(holder, key("loc", "m"));
        CompletableFuture<Permit> waiting = scheduler.acquire(waiter, key("loc", "m"));

        waiter.cancel("by a test");

        assertThat(waiting).isCompletedExceptionally();
        assertThat(waiting.handle((p, e) -> e).join()).isInstanceOf(OutcropException.class)
                .satisfies(e -> assertThat(((OutcropException) e).errorCode()).isEqualTo(OutcropErrorCode.QUERY_CANCELLED.toErrorCode()));
        assertThat(scheduler.inFlight()).isEqualTo(1);
        held.join().release(CallOutcome.SUCCEEDED, 0);
        held.join().release(CallOutcome.SUCCEEDED, 0);
        assertThat(scheduler.inFlight()).as("a second release is ignored").isZero();
    }

    @Test
    void anAdmissionTimeout_failsTheWaitingCallWithItsOwnCode() throws Exception {
        CallScheduler scheduler = new CallScheduler(1, 100, 100, timer);
        StatementRun run = new StatementRun("q", "acct", "user", null, "SELECT …", Instant.EPOCH,
                new RunLimits(100, 1024, 0, 50_000_000L, 8, -1, -1, true), System.nanoTime(), null, 0);
        scheduler.acquire(run, key("loc", "m"));
        CompletableFuture<Permit> waiting = scheduler.acquire(run, key("loc", "m"));

        Throwable failure = waiting.handle((p, e) -> e).get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(((OutcropException) failure).errorCode()).isEqualTo(OutcropErrorCode.ADMISSION_TIMEOUT.toErrorCode());
        assertThat(failure).hasMessageContaining("ai_admission_timeout = 50 ms").hasMessageContaining("1 of 1 for the process");
    }
}
