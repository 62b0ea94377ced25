package dev.outcrop.vertx.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
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

    static final String HOST = "outcrop.server.host";
    static final String PORT = "outcrop.server.port";
    static final String MAX_STATEMENT_BYTES = "outcrop.server.max-statement-bytes";
    static final String ACCOUNT = "outcrop.server.account";
    static final String PRINCIPAL = "outcrop.server.principal";
    static final String USER_FILES_DIRECTORY = "outcrop.server.user-files-directory";

    /** Every setting {@link #fromProperties} reads, with its default and meaning; docs/configuration.md is generated from it. */
    public static final List<ConfigSetting> SETTINGS = List.of(
            ConfigSetting.of(HOST, DEFAULT_HOST, "Address the HTTP server listens on. `java -jar outcrop-server.jar` takes it from `--host` "
                    + "only and ignores this key; `ServerConfig.fromProperties` (for applications that start `OutcropServer` themselves) reads it."),
            ConfigSetting.of(PORT, DEFAULT_PORT, "Port the HTTP server listens on (Firebolt Core's); 0 picks a free one. `java -jar` takes it "
                    + "from `--port` only and ignores this key; `ServerConfig.fromProperties` reads it."),
            ConfigSetting.of(MAX_STATEMENT_BYTES, DEFAULT_MAX_STATEMENT_BYTES, "Largest request body `POST /` accepts, in bytes; a larger one "
                    + "is refused with 413 `STATEMENT_TOO_LARGE`."),
            ConfigSetting.of(ACCOUNT, DEFAULT_ACCOUNT, "The account every request runs in (Firebolt Core's protocol carries no identity). "
                    + "Created at start-up if it does not exist."),
            ConfigSetting.of(PRINCIPAL, DEFAULT_PRINCIPAL, "The user every request runs as. Created at start-up if missing, and made a member "
                    + "of `account_admin`."),
            ConfigSetting.withoutDefault(USER_FILES_DIRECTORY, "The directory whose files `READ_CSV` and `READ_JSON` may read through "
                    + "`file://` URLs, relative to it; `..`, paths elsewhere and symbolic links leading out are refused. Unset, `file://` is refused."));

    private final String host;
    private final int port;
    private final int maxStatementBytes;
    private final String account;
    private final String principal;
    private final java.nio.file.Path userFilesDirectory;

    private ServerConfig(Builder builder) {
        this.userFilesDirectory = builder.userFilesDirectory;
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

    /** Reads the keys in {@link #SETTINGS}; other keys are ignored. */
    public static ServerConfig fromProperties(Map<String, String> properties) {
        Builder builder = builder();
        String value;
        if ((value = properties.get(HOST)) != null) {
            builder.host(value.trim());
        }
        if ((value = properties.get(PORT)) != null) {
            builder.port(parse(PORT, value));
        }
        if ((value = properties.get(MAX_STATEMENT_BYTES)) != null) {
            builder.maxStatementBytes(parse(MAX_STATEMENT_BYTES, value));
        }
        if ((value = properties.get(ACCOUNT)) != null) {
            builder.account(value.trim());
        }
        if ((value = properties.get(PRINCIPAL)) != null) {
            builder.principal(value.trim());
        }
        if ((value = properties.get(USER_FILES_DIRECTORY)) != null && !value.isBlank()) {
            builder.userFilesDirectory(java.nio.file.Path.of(value.trim()));
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

    /** The directory {@code file://} URLs may read, if one is configured. */
    public java.util.Optional<java.nio.file.Path> userFilesDirectory() {
        return java.util.Optional.ofNullable(userFilesDirectory);
    }

    public Builder toBuilder() {
        Builder builder = builder().host(host).port(port).maxStatementBytes(maxStatementBytes).account(account).principal(principal);
        builder.userFilesDirectory = userFilesDirectory;
        return builder;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", maxStatementBytes=" + maxStatementBytes + ", account=" + account + ", principal=" + principal
                + ", userFilesDirectory=" + userFilesDirectory + "]";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxStatementBytes = DEFAULT_MAX_STATEMENT_BYTES;
        private String account = DEFAULT_ACCOUNT;
        private String principal = DEFAULT_PRINCIPAL;
        private java.nio.file.Path userFilesDirectory;

        private Builder() {
        }

        public Builder userFilesDirectory(java.nio.file.Path directory) {
            this.userFilesDirectory = requireNonNull(directory, "directory is null");
            return this;
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
