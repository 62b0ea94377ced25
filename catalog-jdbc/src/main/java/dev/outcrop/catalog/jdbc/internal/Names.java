package dev.outcrop.catalog.jdbc.internal;

import dev.outcrop.catalog.spi.CatalogException;
import dev.outcrop.catalog.spi.CatalogException.Reason;

/**
 * The names the tables can hold: at most {@value #MAX_LENGTH} characters, and no NUL (PostgreSQL text
 * cannot hold it). Checked before any SQL runs, so that a write is refused with a clear message and a
 * read of a name that cannot exist answers "absent" without a round trip.
 */
final class Names {

    static final int MAX_LENGTH = 255;

    private Names() {}

    static boolean storable(String name) {
        return name.length() <= MAX_LENGTH && name.indexOf('\u0000') < 0;
    }

    static void requireStorable(String what, String name) {
        if (name.length() > MAX_LENGTH) {
            throw new CatalogException(Reason.INVALID, what + " is " + name.length() + " characters long, but the catalog "
                    + "keeps names of at most " + MAX_LENGTH + " characters; choose a shorter name");
        }
        if (name.indexOf('\u0000') >= 0) {
            throw new CatalogException(Reason.INVALID, what + " '" + name.replace('\u0000', '?')
                    + "' holds a NUL character, which the catalog cannot keep; remove it");
        }
    }
}
