package dev.outcrop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Outcrop#executor()}: a statement started by a task on it plans on that task's thread, so a server that leaves
 * its event loop once (to decode and parse) does not pay a second hand-off; started from anywhere else, the planning
 * is handed to the executor as before.
 */
final class ExecutorHandOffTest {

    private static final Select SELECT_ONE = new Select(List.of(new SelectItem.SingleColumn(new IntegerLiteral(1), Identifier.of("one"))),
            null, null, null);

    @Test
    void aStatementStartedOnOutcropsExecutor_plansOnThatThread_withoutAnotherTask() throws Exception {
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore();
             Outcrop outcrop = Outcrop.builder().catalog(catalog).sealingKeys(SealingKeys.ephemeral())
                     .statementParser(sql -> { throw new UnsupportedOperationException(); })
                     .executor(task -> {
                         tasks.incrementAndGet();
                         pool.execute(task);
                     })
                     .build()) {
            outcrop.createAccount(new AccountSpec("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", 0L), "admin");
            Session session = outcrop.openSession("acct", "admin");

            int before = tasks.get();
            AtomicReference<Thread> caller = new AtomicReference<>();
            CompletableFuture<QueryResult> inside = new CompletableFuture<>();
            outcrop.executor().execute(() -> {
                caller.set(Thread.currentThread());
                session.execute(SELECT_ONE).whenComplete((result, failure) -> {
                    if (failure != null) {
                        inside.completeExceptionally(failure);
                    }
                    else {
                        inside.complete(result);
                    }
                });
            });

            assertThat(inside.get(10, TimeUnit.SECONDS).rows()).containsExactly(Row.of(1L));
            assertThat(tasks.get() - before).as("tasks given to the executor: the caller's own, and none for planning").isEqualTo(1);
            assertThat(caller.get()).isNotEqualTo(Thread.currentThread());

            before = tasks.get();
            assertThat(session.execute(SELECT_ONE).toCompletableFuture().get(10, TimeUnit.SECONDS).rows()).containsExactly(Row.of(1L));
            assertThat(tasks.get() - before).as("started off the executor, the planning is handed to it").isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
    }
}
