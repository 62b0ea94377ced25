package dev.outcrop.catalog.jdbc;

import static java.util.Objects.requireNonNull;

import dev.outcrop.catalog.jdbc.internal.JdbcUrls;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Settings of the JDBC catalog store. Built in code with {@link #builder()}, or from the provider's
 * configuration map with {@link #fromProperties(Map)}, whose keys are the {@code *_KEY} constants.
 * {@link #toString()} never shows the password.
 */
public final class JdbcCatalogConfig {

    /** JDBC URL; when absent, an H2 database in files below the host's data directory. */
    public static final String URL_KEY = "jdbc.url";
    public static final String USER_KEY = "jdbc.user";
    /** Sensitive: never logged or shown. */
    public static final String PASSWORD_KEY = "jdbc.password";
    /** Schema holding the catalog's tables; created if missing. Absent: the connection's default schema. */
    public static final String SCHEMA_KEY = "jdbc.schema";
    public static final String POOL_MAX_SIZE_KEY = "jdbc.pool.max-size";
    /** How long a call waits for a database connection before it fails as UNAVAILABLE. */
    public static final String CONNECT_TIMEOUT_KEY = "jdbc.connect-timeout-ms";
    public static final String QUERY_TIMEOUT_KEY = "jdbc.query-timeout-seconds";
    /** How old a cached read may be when another server changed the catalog; 0 turns the read cache off. */
    public static final String CACHE_MAX_STALENESS_KEY = "cache.max-staleness-ms";

    public static final int DEFAULT_POOL_MAX_SIZE = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CACHE_MAX_STALENESS = Duration.ofSeconds(1);

    /**
     * One key of the provider's configuration map: its name, its default as it would be written in the
     * map (null when it has none), and what it does.
     */
    public record Setting(String key, String defaultValue, String description) {
        public Setting {
            requireNonNull(key, "key is null");
            requireNonNull(description, "description is null");
        }
    }

    /** Every key {@link #fromProperties} reads, with its default and meaning; docs/configuration.md is generated from it. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(URL_KEY, null, "JDBC URL: `jdbc:postgresql://…` or `jdbc:h2:…`. Without it, an H2 database in files under the data "
                    + "directory (`$OUTCROP_DATA_DIR`, else `~/.outcrop`), in `catalog/outcrop-catalog`."),
            new Setting(USER_KEY, null, "Database user."),
            new Setting(PASSWORD_KEY, null, "Database password. Sensitive: never logged or shown, also masked in URLs in messages."),
            new Setting(SCHEMA_KEY, null, "Schema for the catalog's tables, created if missing; without it, the connection's default schema. "
                    + "One deployment per schema."),
            new Setting(POOL_MAX_SIZE_KEY, String.valueOf(DEFAULT_POOL_MAX_SIZE), "HikariCP pool size of the store."),
            new Setting(CONNECT_TIMEOUT_KEY, String.valueOf(DEFAULT_CONNECT_TIMEOUT.toMillis()), "How long a call waits for a database "
                    + "connection before it fails as `UNAVAILABLE`, in milliseconds (at least 250); this bounds how fast an outage is reported."),
            new Setting(QUERY_TIMEOUT_KEY, String.valueOf(DEFAULT_QUERY_TIMEOUT.toSeconds()), "JDBC query timeout of every statement, in "
                    + "seconds (PostgreSQL also gets `socketTimeout` = this + 10 s)."),
            new Setting(CACHE_MAX_STALENESS_KEY, String.valueOf(DEFAULT_CACHE_MAX_STALENESS.toMillis()), "How old a cached read may be when "
                    + "another server changed the catalog, in milliseconds; `0` turns the read cache off."));

    /** Every key {@link #fromProperties} reads: the keys of {@link #SETTINGS}. */
    public static final Set<String> KEYS = SETTINGS.stream().map(Setting::key).collect(Collectors.toUnmodifiableSet());

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final int poolMaxSize;
    private final Duration connectTimeout;
    private final Duration queryTimeout;
    private final Duration cacheMaxStaleness;

    private JdbcCatalogConfig(Builder builder) {
        this.url = builder.url;
        this.user = builder.user;
        this.password = builder.password;
        this.schema = builder.schema;
        this.poolMaxSize = builder.poolMaxSize;
        this.connectTimeout = builder.connectTimeout;
        this.queryTimeout = builder.queryTimeout;
        this.cacheMaxStaleness = builder.cacheMaxStaleness;
    }

    /** All defaults: embedded H2 in the data directory, read cache on with a one-second bound. */
    public static JdbcCatalogConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads the provider's configuration map. Unknown keys are refused, naming them and the known ones,
     * so that a misspelt setting is not silently ignored.
     */
    public static JdbcCatalogConfig fromProperties(Map<String, String> properties) {
        requireNonNull(properties, "properties is null");
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown settings for the 'jdbc' catalog: " + unknown
                    + "; the known settings are " + new TreeSet<>(KEYS));
        }
        Builder builder = builder();
        if (properties.containsKey(URL_KEY)) {
            builder.url(properties.get(URL_KEY));
        }
        if (properties.containsKey(USER_KEY)) {
            builder.user(properties.get(USER_KEY));
        }
        if (properties.containsKey(PASSWORD_KEY)) {
            builder.password(properties.get(PASSWORD_KEY));
        }
        if (properties.containsKey(SCHEMA_KEY)) {
            builder.schema(properties.get(SCHEMA_KEY));
        }
        if (properties.containsKey(POOL_MAX_SIZE_KEY)) {
            builder.poolMaxSize((int) parseLong(properties, POOL_MAX_SIZE_KEY));
        }
        if (properties.containsKey(CONNECT_TIMEOUT_KEY)) {
            builder.connectTimeout(Duration.ofMillis(parseLong(properties, CONNECT_TIMEOUT_KEY)));
        }
        if (properties.containsKey(QUERY_TIMEOUT_KEY)) {
            builder.queryTimeout(Duration.ofSeconds(parseLong(properties, QUERY_TIMEOUT_KEY)));
        }
        if (properties.containsKey(CACHE_MAX_STALENESS_KEY)) {
            builder.cacheMaxStaleness(Duration.ofMillis(parseLong(properties, CACHE_MAX_STALENESS_KEY)));
        }
        return builder.build();
    }

    private static long parseLong(Map<String, String> properties, String key) {
        String value = properties.get(key);
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a whole number, but was '" + value + "'");
        }
    }

    /** The configured JDBC URL, or null for the embedded default. */
    public String url() {
        return url;
    }

    /** The database user, or null to use none (or the one in the URL). */
    public String user() {
        return user;
    }

    /** The database password, or null. Never log it. */
    public String password() {
        return password;
    }

    /** The schema holding the tables, or null for the connection's default. */
    public String schema() {
        return schema;
    }

    public int poolMaxSize() {
        return poolMaxSize;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** {@link Duration#ZERO} when the read cache is off. */
    public Duration cacheMaxStaleness() {
        return cacheMaxStaleness;
    }

    /** The settings as a provider configuration map, password included: for handing on, never for printing. */
    public Map<String, String> toProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (url != null) {
            properties.put(URL_KEY, url);
        }
        if (user != null) {
            properties.put(USER_KEY, user);
        }
        if (password != null) {
            properties.put(PASSWORD_KEY, password);
        }
        if (schema != null) {
            properties.put(SCHEMA_KEY, schema);
        }
        properties.put(POOL_MAX_SIZE_KEY, String.valueOf(poolMaxSize));
        properties.put(CONNECT_TIMEOUT_KEY, String.valueOf(connectTimeout.toMillis()));
        properties.put(QUERY_TIMEOUT_KEY, String.valueOf(queryTimeout.toSeconds()));
        properties.put(CACHE_MAX_STALENESS_KEY, String.valueOf(cacheMaxStaleness.toMillis()));
        return Map.copyOf(properties);
    }

    @Override
    public String toString() {
        return "JdbcCatalogConfig[url=" + (url == null ? "<embedded H2>" : JdbcUrls.redact(url))
                + ", user=" + user
                + ", password=" + (password == null ? "none" : "****")
                + ", schema=" + schema
                + ", poolMaxSize=" + poolMaxSize
                + ", connectTimeout=" + connectTimeout
                + ", queryTimeout=" + queryTimeout
                + ", cacheMaxStaleness=" + cacheMaxStaleness + "]";
    }

    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private String schema;
        private int poolMaxSize = DEFAULT_POOL_MAX_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private Duration cacheMaxStaleness = DEFAULT_CACHE_MAX_STALENESS;

        private Builder() {}

        private Builder(JdbcCatalogConfig source) {
            this.url = source.url;
            this.user = source.user;
            this.password = source.password;
            this.schema = source.schema;
            this.poolMaxSize = source.poolMaxSize;
            this.connectTimeout = source.connectTimeout;
            this.queryTimeout = source.queryTimeout;
            this.cacheMaxStaleness = source.cacheMaxStaleness;
        }

        public Builder url(String url) {
            requireNonNull(url, "url is null");
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("Setting '" + URL_KEY + "' must be a JDBC URL starting with 'jdbc:', such as "
                        + "jdbc:postgresql://host:5432/outcrop, but was '" + JdbcUrls.redact(url) + "'");
            }
            this.url = url;
            return this;
        }

        public Builder user(String user) {
            this.user = requireNonNull(user, "user is null");
            return this;
        }

        public Builder password(String password) {
            this.password = requireNonNull(password, "password is null");
            return this;
        }

        public Builder schema(String schema) {
            requireNonNull(schema, "schema is null");
            if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("Setting '" + SCHEMA_KEY + "' must be a plain identifier (letters, digits, "
                        + "underscores, at most 63 characters), but was '" + schema + "'");
            }
            this.schema = schema;
            return this;
        }

        public Builder poolMaxSize(int poolMaxSize) {
            if (poolMaxSize < 1) {
                throw new IllegalArgumentException("Setting '" + POOL_MAX_SIZE_KEY + "' must be at least 1, but was " + poolMaxSize);
            }
            this.poolMaxSize = poolMaxSize;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            requireNonNull(connectTimeout, "connectTimeout is null");
            if (connectTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("Setting '" + CONNECT_TIMEOUT_KEY + "' must be at least 250 ms (a pool "
                        + "limit), but was " + connectTimeout.toMillis() + " ms");
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder queryTimeout(Duration queryTimeout) {
            requireNonNull(queryTimeout, "queryTimeout is null");
            if (queryTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException("Setting '" + QUERY_TIMEOUT_KEY + "' must be at least 1 second, but was "
                        + queryTimeout);
            }
            this.queryTimeout = queryTimeout;
            return this;
        }

        public Builder cacheMaxStaleness(Duration cacheMaxStaleness) {
            requireNonNull(cacheMaxStaleness, "cacheMaxStaleness is null");
            if (cacheMaxStaleness.isNegative()) {
                throw new IllegalArgumentException("Setting '" + CACHE_MAX_STALENESS_KEY + "' must not be negative, but was "
                        + cacheMaxStaleness.toMillis() + " ms");
            }
            this.cacheMaxStaleness = cacheMaxStaleness;
            return this;
        }

        public JdbcCatalogConfig build() {
            return new JdbcCatalogConfig(this);
        }
    }
}
