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
    /** The engine name clients may name in {@code USE ENGINE}. */
    public static final String DEFAULT_ENGINE_NAME = "outcrop";
    /** Firebolt Core's default database, which its clients' examples connect to. */
    public static final String DEFAULT_DATABASES = "firebolt";

    static final String HOST = "outcrop.server.host";
    static final String PORT = "outcrop.server.port";
    static final String MAX_STATEMENT_BYTES = "outcrop.server.max-statement-bytes";
    static final String ACCOUNT = "outcrop.server.account";
    static final String PRINCIPAL = "outcrop.server.principal";
    static final String AUTH = "outcrop.server.auth";
    static final String TLS_CERTIFICATE = "outcrop.server.tls-certificate";
    static final String TLS_KEY = "outcrop.server.tls-key";
    static final String TLS_CA_CHAIN = "outcrop.server.tls-ca-chain";
    static final String TOKEN_LIFETIME_SECONDS = "outcrop.server.token-lifetime-seconds";
    static final String KEY_RECHECK_SECONDS = "outcrop.server.key-recheck-seconds";
    public static final java.time.Duration DEFAULT_TOKEN_LIFETIME = java.time.Duration.ofHours(1);
    public static final java.time.Duration DEFAULT_KEY_RECHECK = java.time.Duration.ofSeconds(5);
    static final String SHUTDOWN_GRACE_SECONDS = "outcrop.server.shutdown-grace-seconds";
    public static final java.time.Duration DEFAULT_SHUTDOWN_GRACE = java.time.Duration.ofSeconds(30);
    static final String ENGINE_NAME = "outcrop.server.engine-name";
    static final String DATABASES = "outcrop.server.databases";
    static final String USER_FILES_DIRECTORY = "outcrop.server.user-files-directory";

    /** Every setting {@link #fromProperties} reads, with its default and meaning; docs/configuration.md is generated from it. */
    public static final List<ConfigSetting> SETTINGS = List.of(
            ConfigSetting.of(HOST, DEFAULT_HOST, "Address the HTTP server listens on; `--host` overrides it. Without authentication the "
                    + "server starts only on a loopback address (127.0.0.1, ::1, localhost)."),
            ConfigSetting.of(PORT, DEFAULT_PORT, "Port the HTTP server listens on (Firebolt Core's); 0 picks a free one. `--port` overrides it."),
            ConfigSetting.of(MAX_STATEMENT_BYTES, DEFAULT_MAX_STATEMENT_BYTES, "Largest request body `POST /` accepts, in bytes; a larger one "
                    + "is refused with 413 `STATEMENT_TOO_LARGE`."),
            ConfigSetting.of(ACCOUNT, DEFAULT_ACCOUNT, "The account every request runs in (Firebolt Core's protocol carries no identity). "
                    + "Created at start-up if it does not exist."),
            ConfigSetting.of(PRINCIPAL, DEFAULT_PRINCIPAL, "The user every request runs as. Created at start-up if missing, and made a member "
                    + "of `account_admin`."),
            ConfigSetting.of(AUTH, "none", "`none`: no identity, every request runs as the configured account and principal (Firebolt "
                    + "Core's way; loopback addresses only). `service-accounts`: clients get a token from `POST /oauth/token` with a service "
                    + "account's id and secret and send it as `Authorization: Bearer`; each request runs as that service account's user."),
            ConfigSetting.withoutDefault(TLS_CERTIFICATE, "PEM file with the server's certificate (and optionally its chain); with "
                    + "`" + TLS_KEY + "`, the server speaks HTTPS only."),
            ConfigSetting.withoutDefault(TLS_KEY, "PEM file with the certificate's unencrypted private key."),
            ConfigSetting.withoutDefault(TLS_CA_CHAIN, "Optional PEM file of intermediate certificates, sent after the server's own."),
            ConfigSetting.of(TOKEN_LIFETIME_SECONDS, DEFAULT_TOKEN_LIFETIME.toSeconds(), "How long an access token from `POST /oauth/token` "
                    + "is valid, in seconds."),
            ConfigSetting.of(KEY_RECHECK_SECONDS, DEFAULT_KEY_RECHECK.toSeconds(), "How long a server trusts that a token's service-account "
                    + "key is still current before reading the catalog again: a deleted or replaced key stops working within it. 0 checks "
                    + "on every request."),
            ConfigSetting.of(SHUTDOWN_GRACE_SECONDS, DEFAULT_SHUTDOWN_GRACE.toSeconds(), "On SIGTERM (or `OutcropServer.close()`), how long "
                    + "statements already running, `async=true` ones included, may take to finish, in seconds. New requests get 503 "
                    + "`SERVER_SHUTTING_DOWN` meanwhile; what still runs after this is stopped with `SERVER_SHUTTING_DOWN` (503 to a waiting "
                    + "client, `FAILED` in an async statement's status), then the server closes. 0 stops at once."),
            ConfigSetting.of(ENGINE_NAME, DEFAULT_ENGINE_NAME, "The service's engine name: `USE ENGINE <name>` (which Firebolt's SDKs send "
                    + "when given an engine) is accepted for it and refused with 404 for any other."),
            ConfigSetting.of(DATABASES, DEFAULT_DATABASES, "Comma-separated database names that `USE DATABASE` and `?database=` accept; "
                    + "others are refused with 404. Outcrop keeps no tables, so a database is only a name clients carry."),
            ConfigSetting.withoutDefault(USER_FILES_DIRECTORY, "The directory whose files `READ_CSV` and `READ_JSON` may read through "
                    + "`file://` URLs, relative to it; `..`, paths elsewhere and symbolic links leading out are refused. Unset, `file://` is refused."));

    private final String host;
    private final int port;
    private final int maxStatementBytes;
    private final String account;
    private final String principal;
    private final AuthMode authMode;
    private final TlsFiles tls;
    private final java.time.Duration tokenLifetime;
    private final java.time.Duration keyRecheck;
    private final java.time.Duration shutdownGrace;
    private final String engineName;
    private final List<String> databases;
    private final java.nio.file.Path userFilesDirectory;

    private ServerConfig(Builder builder) {
        this.authMode = builder.authMode;
        this.tls = builder.tls;
        this.tokenLifetime = builder.tokenLifetime;
        this.keyRecheck = builder.keyRecheck;
        this.shutdownGrace = builder.shutdownGrace;
        this.engineName = builder.engineName;
        this.databases = builder.databases;
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

    /** Reads the keys in {@link #SETTINGS}; another {@code outcrop.server.*} key is refused by name, other keys are ignored. */
    public static ServerConfig fromProperties(Map<String, String> properties) {
        new KnownSettings(SETTINGS.stream().map(ConfigSetting::key).toList()).refuseUnknown(properties, List.of("outcrop.server."));
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
        if ((value = properties.get(AUTH)) != null) {
            builder.authMode(AuthMode.parse(AUTH, value));
        }
        String certificate = properties.get(TLS_CERTIFICATE);
        String key = properties.get(TLS_KEY);
        String chain = properties.get(TLS_CA_CHAIN);
        if (certificate != null || key != null || chain != null) {
            if (certificate == null || key == null) {
                throw new IllegalArgumentException("TLS needs both " + TLS_CERTIFICATE + " and " + TLS_KEY + " (PEM files); only "
                        + (certificate != null ? TLS_CERTIFICATE : key != null ? TLS_KEY : TLS_CA_CHAIN) + " is set");
            }
            builder.tls(new TlsFiles(java.nio.file.Path.of(certificate.trim()), java.nio.file.Path.of(key.trim()),
                    chain == null || chain.isBlank() ? null : java.nio.file.Path.of(chain.trim())));
        }
        if ((value = properties.get(TOKEN_LIFETIME_SECONDS)) != null) {
            builder.tokenLifetime(java.time.Duration.ofSeconds(parse(TOKEN_LIFETIME_SECONDS, value)));
        }
        if ((value = properties.get(KEY_RECHECK_SECONDS)) != null) {
            builder.keyRecheck(java.time.Duration.ofSeconds(parse(KEY_RECHECK_SECONDS, value)));
        }
        if ((value = properties.get(SHUTDOWN_GRACE_SECONDS)) != null) {
            builder.shutdownGrace(java.time.Duration.ofSeconds(parse(SHUTDOWN_GRACE_SECONDS, value)));
        }
        if ((value = properties.get(ENGINE_NAME)) != null) {
            builder.engineName(value.trim());
        }
        if ((value = properties.get(DATABASES)) != null) {
            builder.databases(List.of(value.split(",")));
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

    /** Whether requests must carry a service account's token. */
    public AuthMode authMode() {
        return authMode;
    }

    /** The PEM files to serve HTTPS with, or null for plain HTTP. */
    public TlsFiles tls() {
        return tls;
    }

    public java.time.Duration tokenLifetime() {
        return tokenLifetime;
    }

    public java.time.Duration keyRecheck() {
        return keyRecheck;
    }

    /** How long in-flight statements may take to finish when the server closes, before they are cancelled. */
    public java.time.Duration shutdownGrace() {
        return shutdownGrace;
    }

    public String engineName() {
        return engineName;
    }

    public List<String> databases() {
        return databases;
    }

    /** The directory {@code file://} URLs may read, if one is configured. */
    public java.util.Optional<java.nio.file.Path> userFilesDirectory() {
        return java.util.Optional.ofNullable(userFilesDirectory);
    }

    public Builder toBuilder() {
        Builder builder = builder().host(host).port(port).maxStatementBytes(maxStatementBytes).account(account).principal(principal)
                .authMode(authMode).tls(tls).tokenLifetime(tokenLifetime).keyRecheck(keyRecheck).shutdownGrace(shutdownGrace)
                .engineName(engineName).databases(databases);
        builder.userFilesDirectory = userFilesDirectory;
        return builder;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", maxStatementBytes=" + maxStatementBytes + ", account=" + account + ", principal=" + principal
                + ", auth=" + authMode.configName() + ", tls=" + (tls != null) + ", engineName=" + engineName + ", databases=" + databases + ", userFilesDirectory=" + userFilesDirectory + "]";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxStatementBytes = DEFAULT_MAX_STATEMENT_BYTES;
        private String account = DEFAULT_ACCOUNT;
        private String principal = DEFAULT_PRINCIPAL;
        private AuthMode authMode = AuthMode.NONE;
        private TlsFiles tls;
        private java.time.Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private java.time.Duration keyRecheck = DEFAULT_KEY_RECHECK;
        private java.time.Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private String engineName = DEFAULT_ENGINE_NAME;
        private List<String> databases = List.of(DEFAULT_DATABASES);
        private java.nio.file.Path userFilesDirectory;

        private Builder() {
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = requireNonNull(authMode, "authMode is null");
            return this;
        }

        /** PEM files for HTTPS; null for plain HTTP. */
        public Builder tls(TlsFiles tls) {
            this.tls = tls;
            return this;
        }

        public Builder tokenLifetime(java.time.Duration tokenLifetime) {
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive, but was " + tokenLifetime);
            }
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        public Builder keyRecheck(java.time.Duration keyRecheck) {
            if (keyRecheck.isNegative()) {
                throw new IllegalArgumentException("keyRecheck must not be negative, but was " + keyRecheck);
            }
            this.keyRecheck = keyRecheck;
            return this;
        }

        public Builder shutdownGrace(java.time.Duration shutdownGrace) {
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative, but was " + shutdownGrace);
            }
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        public Builder engineName(String engineName) {
            this.engineName = requireNonNull(engineName, "engineName is null");
            return this;
        }

        /** The database names clients may use; blank entries are dropped, and at least one must remain. */
        public Builder databases(List<String> databases) {
            List<String> names = requireNonNull(databases, "databases is null").stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("databases must name at least one database, such as firebolt");
            }
            this.databases = names;
            return this;
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
