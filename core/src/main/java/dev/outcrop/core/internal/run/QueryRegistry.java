package dev.outcrop.core.internal.run;


import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The runs in progress in this process, by query id: for cancellation and engine_running_queries. */
public final class QueryRegistry {

    private final ConcurrentMap<String, StatementRun> running = new ConcurrentHashMap<>();

    /** Registers the run; fails when its id is already running. */
    public void register(StatementRun run) {
        if (running.putIfAbsent(run.queryId(), run) != null) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "query id '" + run.queryId()
                    + "' is already running: give every query a unique id, or leave it out to have one generated");
        }
    }

    public void remove(StatementRun run) {
        running.remove(run.queryId(), run);
    }

    public Optional<StatementRun> find(String queryId) {
        return Optional.ofNullable(running.get(queryId));
    }

    /** The runs of one account, oldest first. */
    public List<StatementRun> ofAccount(String accountName) {
        return running.values().stream().filter(run -> run.accountName().equals(accountName))
                .sorted(java.util.Comparator.comparing(StatementRun::submitted)).toList();
    }
}
