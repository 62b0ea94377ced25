package dev.outcrop.core.internal.plan;

import dev.outcrop.core.internal.access.AccessControl;
import dev.outcrop.core.internal.access.Errors;
import dev.outcrop.core.internal.catalog.CatalogAccess;
import dev.outcrop.core.internal.credentials.ResolvedLocation;
import dev.outcrop.core.internal.run.SessionState;
import dev.outcrop.core.internal.run.StatementRun;

import dev.outcrop.catalog.spi.AccountRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.location.LocationSource;
import java.util.HashMap;
import java.util.Map;

/**
 * What one statement knows while it is planned: its session, its account, the caller's privileges,
 * and the locations it names (looked up once per statement, not once per row). Blocking: the
 * planner runs on the engine's executor.
 */
public final class StatementContext {

    private final SessionState session;
    private final CatalogAccess catalog;
    private final AccountRecord account;
    private final AccessControl access;
    private final Map<String, ResolvedLocation> locations = new HashMap<>();
    private final java.util.List<DispatchListener> batchers = new java.util.ArrayList<>();
    private final dev.outcrop.core.internal.run.StatementRun run;
    private final RequestSharing sharing = new RequestSharing();

    public StatementContext(SessionState session, CatalogAccess catalog, dev.outcrop.core.internal.run.StatementRun run) {
        this.session = session;
        this.catalog = catalog;
        this.run = run;
        this.account = catalog.account(session.accountName());
        this.access = AccessControl.of(catalog.store(), session.accountName(), session.principalName());
    }

    public SessionState session() {
        return session;
    }

    public AccountRecord account() {
        return account;
    }

    /** The request this statement belongs to: its limits, counters and cancellation. */
    public dev.outcrop.core.internal.run.StatementRun run() {
        return run;
    }

    /**
     * Runs the call, or, when the session shares identical requests (the default), hands out the answer
     * of an identical earlier request of this statement.
     */
    public java.util.concurrent.CompletableFuture<Object> shareIdentical(RequestSharing.Key key,
                                                                  java.util.function.Supplier<java.util.concurrent.CompletableFuture<Object>> call) {
        return run.limits().deduplicate() ? sharing.share(key, call) : call.get();
    }

    public AccessControl access() {
        return access;
    }

    public CatalogAccess catalog() {
        return catalog;
    }

    /** Registers a batcher to be told when the statement has handed out all its rows. */
    public <T extends DispatchListener> T register(T batcher) {
        batchers.add(batcher);
        return batcher;
    }

    /** The statement has handed out every row: batched calls go now. */
    public void endOfDispatch() {
        batchers.forEach(DispatchListener::endOfDispatch);
    }

    /** The statement stops handing out rows until its consumer catches up: batched calls go now, so the rows ahead can finish. */
    public void pauseOfDispatch() {
        batchers.forEach(DispatchListener::pauseOfDispatch);
    }

    /** The named location, checked for existence, privilege and source, with its credentials unsealed. */
    public ResolvedLocation location(String name, String function) {
        return location(name, function, LocationSource.AMAZON_BEDROCK);
    }

    /** As {@link #location(String, String)}, for a location of the given source (AMAZON_S3 for the table-valued functions). */
    public ResolvedLocation location(String name, String function, LocationSource source) {
        ResolvedLocation known = locations.get(name);
        if (known != null && source.name().equals(known.record().source())) {
            return known;
        }
        LocationRecord record = catalog.findLocation(account.accountName(), name)
                .filter(access::canUse)
                .orElseThrow(() -> Errors.locationNotFound(name));
        if (!source.name().equals(record.source())) {
            String kind = source == LocationSource.AMAZON_BEDROCK ? "a Bedrock" : "an S3";
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " needs a location with SOURCE = " + source.name() + ", but location '"
                    + name + "' has SOURCE = " + record.source() + "; create " + kind + " location with CREATE LOCATION … WITH SOURCE = " + source.name());
        }
        String region = record.region() != null ? record.region() : account.region();
        ResolvedLocation resolved = new ResolvedLocation(record, catalog.unseal(record), region);
        locations.put(name, resolved);
        return resolved;
    }
}
