package dev.outcrop.vertx.internal;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.vertx.config.ServerConfig;

/**
 * The databases a client may choose with {@code USE DATABASE} or {@code ?database=}. Outcrop keeps no
 * tables of its own, so a database is only a name clients carry; the service still refuses names it does
 * not serve, as Firebolt does, so that a typo is caught at connect time.
 */
final class Databases {

    private Databases() {
    }

    static void check(String database, ServerConfig config) {
        StrictText.noControlCharacters(database, "the database name '" + StrictText.printableAscii(database) + "'");
        for (String served : config.databases()) {
            if (served.equalsIgnoreCase(database)) {
                return;
            }
        }
        throw new RequestRefused(404, OutcropErrorCode.INVALID_ARGUMENT, "the database '" + StrictText.printableAscii(database)
                + "' does not exist: this service serves " + String.join(", ", config.databases())
                + " (set outcrop.server.databases to serve others)");
    }
}
