package dev.outcrop.vertx.internal;

import dev.outcrop.core.Session;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * What a script changed in its session, told to a stateless client as Firebolt's engine tells it:
 * {@code Firebolt-Update-Parameters: name=value,...} for a database or setting to send from now on,
 * {@code Firebolt-Remove-Parameters: name,...} for a setting the client sent that the script unset, and
 * {@code Firebolt-Reset-Session} (no value) when the client must drop every setting but its database
 * ({@code USE ENGINE}, as Firebolt answers it). Firebolt's SDKs apply them only to a successful answer.
 *
 * @param updates the Update-Parameters value, or null
 * @param removals the Remove-Parameters value, or null
 * @param reset whether to send Reset-Session
 */
record SessionHeaders(String updates, String removals, boolean reset) {

    static final String UPDATE_PARAMETERS = "Firebolt-Update-Parameters";
    static final String REMOVE_PARAMETERS = "Firebolt-Remove-Parameters";
    static final String RESET_SESSION = "Firebolt-Reset-Session";

    /** What {@code USE ENGINE} answers: the client starts over with its database only. */
    static final SessionHeaders RESET = new SessionHeaders(null, null, true);

    /**
     * The headers for a script that ran in {@code session}, which started with the client's {@code database}
     * (or null) and {@code given} settings from the query string. A database that does not exist is refused here.
     */
    static SessionHeaders of(Session session, String database, Map<String, String> given, ServerConfig config) {
        StringJoiner updates = new StringJoiner(",");
        if (session.database() != null && !session.database().equals(database)) {
            Databases.check(session.database(), config);
            updates.add("database=" + session.database());
        }
        Map<String, String> now = session.settings();
        // Sorted, so that the same script always answers the same header.
        new java.util.TreeMap<>(now).forEach((name, value) -> {
            if (!value.equals(given.get(name))) {
                StrictText.noControlCharacters(value, "the value of setting " + name);
                updates.add(name + "=" + value);
            }
        });
        StringJoiner removals = new StringJoiner(",");
        new TreeSet<>(given.keySet()).stream().filter(name -> !now.containsKey(name)).forEach(removals::add);
        return new SessionHeaders(updates.length() == 0 ? null : updates.toString(), removals.length() == 0 ? null : removals.toString(), false);
    }

    /** Puts the headers on the response, before its head is written. */
    void apply(HttpServerResponse response) {
        if (updates != null) {
            response.putHeader(UPDATE_PARAMETERS, updates);
        }
        if (removals != null) {
            response.putHeader(REMOVE_PARAMETERS, removals);
        }
        if (reset) {
            response.putHeader(RESET_SESSION, "");
        }
    }
}
