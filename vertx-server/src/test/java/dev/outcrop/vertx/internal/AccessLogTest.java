package dev.outcrop.vertx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Access-log lines written on the event loop reach the log on the access log's own thread, and a log that has stopped
 * taking lines (a full stderr pipe) neither stalls the event loop nor loses count of what it drops.
 */
final class AccessLogTest {

    private record Written(String line, String thread, boolean onEventLoop) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<AccessLog> logs = new ArrayList<>();

    @AfterEach
    void close() {
        logs.forEach(log -> log.close(5_000));
        vertx.close().await();
    }

    private AccessLog accessLog(int capacity, java.util.function.Consumer<String> lines, java.util.function.Consumer<String> warnings) {
        AccessLog log = new AccessLog(capacity, lines, warnings);
        logs.add(log);
        return log;
    }

    /** Runs {@code action} on an event loop; completes with that thread's name once it returned. */
    private CompletableFuture<String> onEventLoop(Runnable action) {
        CompletableFuture<String> done = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            action.run();
            done.complete(Thread.currentThread().getName());
        });
        return done;
    }

    @Test
    void aLineWrittenOnTheEventLoop_isWritten_byTheAccessLogsThread() throws Exception {
        BlockingQueue<Written> written = new LinkedBlockingQueue<>();
        AccessLog log = accessLog(16, line -> written.add(new Written(line, Thread.currentThread().getName(), Context.isOnEventLoopThread())),
                warning -> { });

        String eventLoop = onEventLoop(() -> log.write("GET health 200 1ms")).get(10, TimeUnit.SECONDS);
        Written line = written.poll(10, TimeUnit.SECONDS);

        assertThat(eventLoop).startsWith("vert.x-eventloop");
        assertThat(line).isNotNull();
        assertThat(line.line()).isEqualTo("GET health 200 1ms");
        assertThat(line.thread()).isEqualTo(AccessLog.THREAD_NAME).isNotEqualTo(eventLoop);
        assertThat(line.onEventLoop()).isFalse();
    }

    @Test
    void aLogThatStopped_dropsAndCountsLines_whileTheEventLoopCarriesOn_thenWarnsWithTheCount() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        BlockingQueue<String> written = new LinkedBlockingQueue<>();
        BlockingQueue<String> warnings = new LinkedBlockingQueue<>();
        AccessLog log = accessLog(4, line -> {
            stuck.countDown();
            try {
                released.await();   // as a write(2) into a full pipe
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(line);
        }, warnings::add);
        onEventLoop(() -> log.write("line 0")).get(10, TimeUnit.SECONDS);
        assertThat(stuck.await(10, TimeUnit.SECONDS)).as("the writer holds line 0 in the stalled log").isTrue();

        // Four lines fill the queue; three more find it full. The event loop returns all the same.
        onEventLoop(() -> {
            for (int i = 1; i <= 7; i++) {
                log.write("line " + i);
            }
        }).get(10, TimeUnit.SECONDS);

        assertThat(log.dropped()).isEqualTo(3);
        released.countDown();
        assertThat(warnings.poll(10, TimeUnit.SECONDS)).startsWith("3 access-log lines were dropped");
        List<String> lines = new ArrayList<>();
        while (lines.size() < 5) {
            String line = written.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("line %d", lines.size()).isNotNull();
            lines.add(line);
        }
        assertThat(lines).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
    }
}
