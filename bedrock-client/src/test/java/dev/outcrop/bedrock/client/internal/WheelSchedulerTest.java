package dev.outcrop.bedrock.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK's timeouts and retry delays run on this: what it relies on of a ScheduledExecutorService. */
class WheelSchedulerTest {

    private final WheelScheduler scheduler = new WheelScheduler("wheel-test");

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aScheduledTask_runsOnce_notBeforeItsDeadline_onTheWheelThread() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<ScheduledFuture<String>> self = new AtomicReference<>();
        AtomicReference<Long> delayLeftWhenRun = new AtomicReference<>();
        ScheduledFuture<String> future = scheduler.schedule(() -> {
            thread.set(Thread.currentThread().getName());
            runs.incrementAndGet();
            ScheduledFuture<String> me = self.get();
            delayLeftWhenRun.set(me == null ? null : me.getDelay(TimeUnit.NANOSECONDS));
            return "done";
        }, 50, TimeUnit.MILLISECONDS);
        self.set(future);

        assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        // Not early: when it ran, its own deadline had passed (the wheel only ever rounds up).
        assertThat(delayLeftWhenRun.get()).isNotNull().isLessThanOrEqualTo(0L);
        assertThat(thread.get()).startsWith("wheel-test");
        assertThat(future.isDone()).isTrue();
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aCancelledTask_neverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> cancelled = scheduler.schedule(runs::incrementAndGet, 30, TimeUnit.MILLISECONDS);
        assertThat(cancelled.cancel(false)).isTrue();
        // A later task on the same wheel has run, so the cancelled one's deadline has passed too.
        scheduler.schedule(() -> { }, 80, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);

        assertThat(runs.get()).isZero();
        assertThat(cancelled.isCancelled()).isTrue();
    }

    @Test
    void tasksRunInDeadlineOrder_andReportTheirRemainingDelay() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        StringBuffer order = new StringBuffer();
        ScheduledFuture<?> late = scheduler.schedule(() -> { order.append("late "); both.countDown(); }, 200, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> early = scheduler.schedule(() -> { order.append("early "); both.countDown(); }, 20, TimeUnit.MILLISECONDS);

        assertThat(late.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(200L);
        assertThat(late.compareTo(early)).isPositive();
        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order.toString()).isEqualTo("early late ");
    }

    @Test
    void afterShutdown_newTasksAreRefused_andPeriodicTasksNeverAccepted() {
        assertThatThrownBy(() -> scheduler.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS))
                .isInstanceOf(UnsupportedOperationException.class);
        scheduler.shutdown();

        assertThat(scheduler.isShutdown()).isTrue();
        assertThatThrownBy(() -> scheduler.schedule(() -> { }, 1, TimeUnit.MILLISECONDS))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("closed");
    }
}
