package dev.outcrop.vertx.internal;

import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.query.RunningQuery;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.type.ScalarType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements started with {@code async=true}: the request is answered at once with a token, the
 * statement runs on without its client, and {@code CALL fb_GetAsyncStatus('<token>')} reports how it
 * went, in the columns Firebolt's SDKs read ({@code status} RUNNING, ENDED_SUCCESSFULLY or FAILED,
 * {@code query_id}, {@code error_message}). Held in this server's memory for {@link #KEEP} after the
 * statement ends; a token from another server, or older, is unknown.
 */
final class AsyncQueries {

    static final Duration KEEP = Duration.ofHours(1);
    private static final int PRUNE_ABOVE = 1_000;

    private record Entry(String token, String account, String principal, String queryId, Instant submitted,
                         CompletableFuture<QueryResult> outcome, Instant[] ended) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Registers a started statement and returns its token. */
    String register(String account, String principal, RunningQuery<QueryResult> running) {
        prune();
        String token = UUID.randomUUID().toString().replace("-", "");
        Instant[] ended = new Instant[1];
        CompletableFuture<QueryResult> outcome = running.result().toCompletableFuture();
        outcome.whenComplete((result, failure) -> ended[0] = Instant.now());
        entries.put(token, new Entry(token, account, principal, running.queryId(), Instant.now(), outcome, ended));
        return token;
    }

    /** The status row of the token's statement, if the token is known and belongs to this account and principal. */
    Optional<QueryResult> status(String token, String account, String principal) {
        Entry entry = entries.get(token);
        if (entry == null || !entry.account().equals(account) || !entry.principal().equals(principal)) {
            return Optional.empty();
        }
        String status;
        String error = null;
        if (!entry.outcome().isDone()) {
            status = "RUNNING";
        }
        else if (entry.outcome().isCompletedExceptionally()) {
            Throwable failure = entry.outcome().handle((ok, e) -> e).join();
            while (failure instanceof CompletionException && failure.getCause() != null) {
                failure = failure.getCause();
            }
            status = entry.outcome().isCancelled() ? "CANCELLED" : "FAILED";
            error = failure instanceof OutcropException known ? known.getMessage() : "the statement failed; its query id is " + entry.queryId();
        }
        else {
            status = "ENDED_SUCCESSFULLY";
        }
        List<Column> columns = new ArrayList<>();
        for (String name : new String[] {"account_name", "user_name", "request_id", "query_id", "status", "submitted_time", "end_time",
                "error_message"}) {
            columns.add(new Column(name, name.endsWith("_time") ? ScalarType.TIMESTAMPTZ : ScalarType.TEXT));
        }
        Row row = Row.of(entry.account(), entry.principal(), entry.token(), entry.queryId(), status, entry.submitted(),
                entry.ended()[0], error);
        return Optional.of(new QueryResult(columns, List.of(row), "CALL"));
    }

    private void prune() {
        if (entries.size() > PRUNE_ABOVE) {
            Instant oldest = Instant.now().minus(KEEP);
            entries.values().removeIf(entry -> entry.ended()[0] != null && entry.ended()[0].isBefore(oldest));
        }
    }
}
