package dev.outcrop.vertx.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * How the HTTP service listens and whom it serves. Firebolt Core's protocol carries no identity, so
 * every request runs as one configured account and principal.
 */
public final class ServerConfig {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Firebolt Core's HTTP query port, so that Firebolt clients find us where they expect. */
    public static final int DEFAULT_PORT = 3473;
    public static final int DEFAULT_MAX_STATEMENT_BYTES = 1 << 20;
    public static final String DEFAULT_ACCOUNT = "my_account";
    public static final String DEFAULT_PRINCIPAL = "admin";

    private final String host;
    private final int port;
    private final int maxStatementBytes;
    private final String account;
    private final String principal;

    private ServerConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.maxStatementBytes = builder.maxStatementBytes;
        this.account = builder.account;
        this.principal = builder.principal;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ServerConfig defaults() {
        return builder().build();
    }

    /** Reads {@code outcrop.server.host}, {@code .port}, {@code .max-statement-bytes}, {@code .account}, {@code .principal}. */
    public static ServerConfig fromProperties(Map<String, String> properties) {
        Builder builder = builder();
        String value;
        if ((value = properties.get("outcrop.server.host")) != null) {
            builder.host(value.trim());
        }
        if ((value = properties.get("outcrop.server.port")) != null) {
            builder.port(parse("outcrop.server.port", value));
        }
        if ((value = properties.get("outcrop.server.max-statement-bytes")) != null) {
            builder.maxStatementBytes(parse("outcrop.server.max-statement-bytes", value));
        }
        if ((value = properties.get("outcrop.server.account")) != null) {
            builder.account(value.trim());
        }
        if ((value = properties.get("outcrop.server.principal")) != null) {
            builder.principal(value.trim());
        }
        return builder.build();
    }

    private static int parse(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, but was '" + value + "'");
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int maxStatementBytes() {
        return maxStatementBytes;
    }

    public String account() {
        return account;
    }

    public String principal() {
        return principal;
    }

    public Builder toBuilder() {
        return builder().host(host).port(port).maxStatementBytes(maxStatementBytes).account(account).principal(principal);
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", maxStatementBytes=" + maxStatementBytes + ", account=" + account + ", principal=" + principal + "]";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxStatementBytes = DEFAULT_MAX_STATEMENT_BYTES;
        private String account = DEFAULT_ACCOUNT;
        private String principal = DEFAULT_PRINCIPAL;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = requireNonNull(host, "host is null");
            return this;
        }

        /** 0 picks a free port (for tests). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder maxStatementBytes(int maxStatementBytes) {
            if (maxStatementBytes < 1) {
                throw new IllegalArgumentException("maxStatementBytes must be positive, but was " + maxStatementBytes);
            }
            this.maxStatementBytes = maxStatementBytes;
            return this;
        }

        public Builder account(String account) {
            this.account = requireNonNull(account, "account is null");
            return this;
        }

        public Builder principal(String principal) {
            this.principal = requireNonNull(principal, "principal is null");
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
