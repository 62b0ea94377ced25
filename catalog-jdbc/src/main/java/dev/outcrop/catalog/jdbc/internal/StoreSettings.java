package dev.outcrop.catalog.jdbc.internal;

import java.time.Duration;

/**
 * What the factory needs to open a store, as plain values, so that this package does not depend on
 * the public configuration class (which depends on it).
 *
 * @param url the JDBC URL, or null for the embedded H2 default in the data directory
 * @param user the user, or null
 * @param password the password, or null; never logged
 * @param schema the schema, or null for the connection's default
 */
public record StoreSettings(String url, String user, String password, String schema, int poolMaxSize, Duration connectTimeout,
        Duration queryTimeout) {

    @Override
    public String toString() {
        return "StoreSettings[url=" + (url == null ? "<embedded H2>" : JdbcUrls.redact(url)) + ", user=" + user
                + ", password=" + (password == null ? "none" : "****") + ", schema=" + schema + ", poolMaxSize=" + poolMaxSize
                + ", connectTimeout=" + connectTimeout + ", queryTimeout=" + queryTimeout + "]";
    }
}
