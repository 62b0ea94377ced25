package dev.outcrop.bedrock.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an emulator is set up: where it listens, which keys and roles exist, and its limits. Immutable; build one with
 * {@link #builder()}, start from {@link #defaults()}, or read the JSON file format with {@link #fromJson(Path)}.
 */
public final class EmulatorConfig {
    public static final int DEFAULT_PORT = 8787;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 25_000_000L;
    public static final int DEFAULT_CALL_LOG_LIMIT = 100_000;

    public static final String DEPLOYMENT_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String DEPLOYMENT_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String DEPLOYMENT_PRINCIPAL = "arn:aws:iam::111122223333:user/outcrop-deployment";
    public static final String RESTRICTED_ACCESS_KEY_ID = "AKIAI44QH8DHBEXAMPLE";
    public static final String RESTRICTED_SECRET_ACCESS_KEY = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    public static final String RESTRICTED_PRINCIPAL = "arn:aws:iam::444455556666:user/restricted";
    public static final String TRUST_DEMO_ROLE = "arn:aws:iam::111122223333:role/outcrop-trust-demo";
    public static final String BEDROCK_ACCESS_ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";
    public static final String BEDROCK_ACCESS_EXTERNAL_ID_ROLE = "arn:aws:iam::123456789012:role/BedrockAccessWithExternalId";
    public static final String DEFAULT_EXTERNAL_ID = "<external_id>";

    private final int port;
    private final String bindAddress;
    private final List<Identity> identities;
    private final List<RoleDefinition> roles;
    private final long maxRequestBytes;
    private final long seed;
    private final int eventLoops;
    private final int callLogLimit;
    private final Clock clock;

    private EmulatorConfig(Builder b) {
        this.port = b.port;
        this.bindAddress = b.bindAddress;
        this.identities = List.copyOf(b.identities);
        this.roles = List.copyOf(b.roles);
        this.maxRequestBytes = b.maxRequestBytes;
        this.seed = b.seed;
        this.eventLoops = b.eventLoops;
        this.callLogLimit = b.callLogLimit;
        this.clock = b.clock;
    }

    /** The documented default setup (see README): two static identities and three roles. Port {@value #DEFAULT_PORT}. */
    public static EmulatorConfig defaults() {
        return builder().build();
    }

    /** A builder preloaded with the default identities and roles; call {@code identities(List.of())} to start empty. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.bindAddress = bindAddress;
        b.identities = new ArrayList<>(identities);
        b.roles = new ArrayList<>(roles);
        b.maxRequestBytes = maxRequestBytes;
        b.seed = seed;
        b.eventLoops = eventLoops;
        b.callLogLimit = callLogLimit;
        b.clock = clock;
        return b;
    }

    /**
     * Reads the JSON config file format documented in the README. Absent fields keep their defaults; a present
     * {@code identities} or {@code roles} array replaces the default list unless {@code "includeDefaults": true}.
     */
    public static EmulatorConfig fromJson(Path file) {
        try {
            return fromJson(new ObjectMapper().readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator config " + file, e);
        }
    }

    static EmulatorConfig fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("emulator config must be a JSON object");
        }
        Builder b = builder();
        boolean includeDefaults = root.path("includeDefaults").asBoolean(false);
        if (root.has("port")) {
            b.port(root.get("port").asInt());
        }
        if (root.has("bindAddress")) {
            b.bindAddress(root.get("bindAddress").asText());
        }
        if (root.has("maxRequestBytes")) {
            b.maxRequestBytes(root.get("maxRequestBytes").asLong());
        }
        if (root.has("seed")) {
            b.seed(root.get("seed").asLong());
        }
        if (root.has("eventLoops")) {
            b.eventLoops(root.get("eventLoops").asInt());
        }
        if (root.has("callLogLimit")) {
            b.callLogLimit(root.get("callLogLimit").asInt());
        }
        if (root.has("identities")) {
            List<Identity> ids = includeDefaults ? new ArrayList<>(b.identities) : new ArrayList<>();
            for (JsonNode n : root.get("identities")) {
                ids.add(new Identity(required(n, "name"), required(n, "accessKeyId"), required(n, "secretAccessKey"),
                        required(n, "principalArn"), strings(n.get("allowedModels"), List.of("*"))));
            }
            b.identities(ids);
        }
        if (root.has("roles")) {
            List<RoleDefinition> rs = includeDefaults ? new ArrayList<>(b.roles) : new ArrayList<>();
            for (JsonNode n : root.get("roles")) {
                JsonNode ext = n.get("externalId");
                rs.add(new RoleDefinition(required(n, "arn"), strings(n.get("trustedPrincipals"), List.of()),
                        ext == null || ext.isNull() ? null : ext.asText(), strings(n.get("allowedModels"), List.of("*")),
                        n.path("maxSessionDurationSeconds").asInt(RoleDefinition.DEFAULT_MAX_SESSION_DURATION)));
            }
            b.roles(rs);
        }
        return b.build();
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("emulator config: '" + field + "' (a string) is required in " + node);
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode array, List<String> fallback) {
        if (array == null || array.isNull()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    public int port() {
        return port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public List<Identity> identities() {
        return identities;
    }

    public List<RoleDefinition> roles() {
        return roles;
    }

    /** Largest request body accepted; larger ones get a 413. Bedrock's own limit is 25,000,000 bytes. */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /** Seed of the random source behind fault injection, so fault tests are repeatable. */
    public long seed() {
        return seed;
    }

    public int eventLoops() {
        return eventLoops;
    }

    /** How many calls the log keeps (oldest dropped first); counters are never dropped. */
    public int callLogLimit() {
        return callLogLimit;
    }

    /** Time source for signature skew and credential expiry checks. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "EmulatorConfig[port=" + port + ", bindAddress=" + bindAddress + ", identities=" + identities
                + ", roles=" + roles + ", maxRequestBytes=" + maxRequestBytes + ", seed=" + seed
                + ", eventLoops=" + eventLoops + ", callLogLimit=" + callLogLimit + "]";
    }

    /** Builder; starts from the documented defaults. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String bindAddress = "127.0.0.1";
        private List<Identity> identities = new ArrayList<>(defaultIdentities());
        private List<RoleDefinition> roles = new ArrayList<>(defaultRoles());
        private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private long seed = 42L;
        // Half the cores: the emulator always shares the machine with its client (the tests or the load
        // generator), and on 2 cores one event loop measured ~30% faster than two under wrk.
        private int eventLoops = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        private int callLogLimit = DEFAULT_CALL_LOG_LIMIT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** TCP port; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535");
            }
            this.port = port;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress is null");
            return this;
        }

        public Builder identities(List<Identity> identities) {
            this.identities = new ArrayList<>(Objects.requireNonNull(identities, "identities is null"));
            return this;
        }

        public Builder addIdentity(Identity identity) {
            this.identities.add(Objects.requireNonNull(identity, "identity is null"));
            return this;
        }

        public Builder roles(List<RoleDefinition> roles) {
            this.roles = new ArrayList<>(Objects.requireNonNull(roles, "roles is null"));
            return this;
        }

        public Builder addRole(RoleDefinition role) {
            this.roles.add(Objects.requireNonNull(role, "role is null"));
            return this;
        }

        public Builder maxRequestBytes(long maxRequestBytes) {
            if (maxRequestBytes < 1) {
                throw new IllegalArgumentException("maxRequestBytes must be positive");
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder eventLoops(int eventLoops) {
            if (eventLoops < 1) {
                throw new IllegalArgumentException("eventLoops must be at least 1");
            }
            this.eventLoops = eventLoops;
            return this;
        }

        public Builder callLogLimit(int callLogLimit) {
            if (callLogLimit < 0) {
                throw new IllegalArgumentException("callLogLimit must not be negative");
            }
            this.callLogLimit = callLogLimit;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock is null");
            return this;
        }

        public EmulatorConfig build() {
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (Identity identity : identities) {
                if (!keys.add(identity.accessKeyId())) {
                    throw new IllegalArgumentException("duplicate access key id " + identity.accessKeyId());
                }
            }
            return new EmulatorConfig(this);
        }
    }

    static List<Identity> defaultIdentities() {
        return List.of(
                new Identity("deployment", DEPLOYMENT_ACCESS_KEY_ID, DEPLOYMENT_SECRET_ACCESS_KEY, DEPLOYMENT_PRINCIPAL,
                        List.of("*")),
                new Identity("restricted", RESTRICTED_ACCESS_KEY_ID, RESTRICTED_SECRET_ACCESS_KEY, RESTRICTED_PRINCIPAL,
                        List.of()));
    }

    static List<RoleDefinition> defaultRoles() {
        return List.of(
                new RoleDefinition(TRUST_DEMO_ROLE, List.of(DEPLOYMENT_PRINCIPAL), null, List.of()),
                new RoleDefinition(BEDROCK_ACCESS_ROLE, List.of(DEPLOYMENT_PRINCIPAL, TRUST_DEMO_ROLE), null,
                        List.of("*")),
                new RoleDefinition(BEDROCK_ACCESS_EXTERNAL_ID_ROLE, List.of(DEPLOYMENT_PRINCIPAL, TRUST_DEMO_ROLE),
                        DEFAULT_EXTERNAL_ID, List.of("*")));
    }
}
