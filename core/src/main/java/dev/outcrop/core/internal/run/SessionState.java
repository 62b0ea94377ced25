package dev.outcrop.core.internal.run;


import static java.util.Objects.requireNonNull;

import dev.outcrop.core.statement.Relation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The mutable part of a session: the database and the settings its statements chose. */
public final class SessionState {

    private final String accountName;
    private final String principalName;
    private volatile String database;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, BoundRows> bound = new ConcurrentHashMap<>();

    public SessionState(String accountName, String principalName) {
        this.accountName = requireNonNull(accountName, "accountName is null");
        this.principalName = requireNonNull(principalName, "principalName is null");
    }

    public String accountName() {
        return accountName;
    }

    public String principalName() {
        return principalName;
    }

    public String database() {
        return database;
    }

    public void useDatabase(String database) {
        this.database = database;
    }

    public synchronized Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    public synchronized void set(String name, String value) {
        settings.put(name, value);
    }

    /** Back to the default: as if the setting had never been given. */
    public synchronized void unset(String name) {
        settings.remove(name);
    }

    public void bind(String name, BoundRows relation) {
        bound.put(name, relation);
    }

    /** The relation the application bound under a one-part name, or null. */
    public BoundRows bound(Relation.TableName table) {
        return table.parts().size() == 1 ? bound.get(table.parts().get(0).value()) : null;
    }
}
