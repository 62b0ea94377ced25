package dev.outcrop.vertx.config;

import java.util.Locale;

/** Whether requests must prove who they are. */
public enum AuthMode {
    /**
     * Firebolt Core's way: no identity, every request runs as the configured account and principal. Safe
     * only where nobody else can reach the port, so the server listens on a loopback address only.
     */
    NONE,
    /**
     * Firebolt's cloud way: clients exchange a service account's id and secret for a token at
     * {@code POST /oauth/token} and send it with every request, which runs as the service account's user in
     * its account. Any address may be listened on; use TLS.
     */
    SERVICE_ACCOUNTS;

    /** Whether this mode may only listen on a loopback address. */
    public boolean loopbackOnly() {
        return this == NONE;
    }

    /** The configuration's spelling: {@code none} or {@code service-accounts}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static AuthMode parse(String key, String value) {
        for (AuthMode mode : values()) {
            if (mode.configName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException(key + " must be none or service-accounts, but was '" + value + "'");
    }
}
