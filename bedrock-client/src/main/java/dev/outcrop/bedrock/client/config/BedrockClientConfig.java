package dev.outcrop.bedrock.client.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How Outcrop talks to Bedrock Runtime and STS. Every setting has a default except, for tests and the
 * offline demo, the endpoint overrides.
 *
 * <p>From properties or environment variables ({@link #fromProperties}): {@code outcrop.bedrock.region},
 * {@code outcrop.bedrock.endpoint}, {@code outcrop.sts.endpoint}, {@code outcrop.bedrock.max-concurrency},
 * {@code outcrop.bedrock.max-attempts}, {@code outcrop.bedrock.api-call-timeout},
 * {@code outcrop.bedrock.api-call-attempt-timeout}, {@code outcrop.bedrock.connection-acquisition-timeout},
 * {@code outcrop.bedrock.protocol} ({@code HTTP1_1} or {@code HTTP2}). Durations are ISO-8601 ({@code PT30S})
 * or a number of seconds.
 */
public final class BedrockClientConfig {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MAX_CONCURRENCY = 50;
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECTION_ACQUISITION_TIMEOUT = Duration.ofSeconds(30);

    /** The HTTP version to talk to Bedrock with. */
    public enum Protocol { HTTP1_1, HTTP2 }

    private static final Set<String> KEYS = Set.of("outcrop.bedrock.region", "outcrop.bedrock.endpoint", "outcrop.sts.endpoint",
            "outcrop.bedrock.max-concurrency", "outcrop.bedrock.max-attempts", "outcrop.bedrock.api-call-timeout",
            "outcrop.bedrock.api-call-attempt-timeout", "outcrop.bedrock.connection-acquisition-timeout", "outcrop.bedrock.protocol");

    private final String region;
    private final URI bedrockEndpoint;
    private final URI stsEndpoint;
    private final int maxConcurrency;
    private final int maxAttempts;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final Duration connectionAcquisitionTimeout;
    private final Protocol protocol;

    private BedrockClientConfig(Builder builder) {
        this.region = builder.region;
        this.bedrockEndpoint = builder.bedrockEndpoint;
        this.stsEndpoint = builder.stsEndpoint;
        this.maxConcurrency = builder.maxConcurrency;
        this.maxAttempts = builder.maxAttempts;
        this.apiCallTimeout = builder.apiCallTimeout;
        this.apiCallAttemptTimeout = builder.apiCallAttemptTimeout;
        this.connectionAcquisitionTimeout = builder.connectionAcquisitionTimeout;
        this.protocol = builder.protocol;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static BedrockClientConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads settings named as in the class comment. Environment-variable spellings are accepted too:
     * {@code OUTCROP_BEDROCK_ENDPOINT} for {@code outcrop.bedrock.endpoint}. Unknown {@code outcrop.bedrock.*}
     * keys are refused, so that a typo does not pass unnoticed.
     */
    public static BedrockClientConfig fromProperties(Map<String, String> properties) {
        requireNonNull(properties, "properties is null");
        Builder builder = builder();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = normalize(entry.getKey());
            if (!key.startsWith("outcrop.bedrock.") && !key.startsWith("outcrop.sts.")) {
                continue;
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + entry.getKey() + "'; known settings: " + new java.util.TreeSet<>(KEYS));
            }
            String value = entry.getValue().trim();
            switch (key) {
                case "outcrop.bedrock.region" -> builder.region(value);
                case "outcrop.bedrock.endpoint" -> builder.bedrockEndpoint(uri(key, value));
                case "outcrop.sts.endpoint" -> builder.stsEndpoint(uri(key, value));
                case "outcrop.bedrock.max-concurrency" -> builder.maxConcurrency(integer(key, value));
                case "outcrop.bedrock.max-attempts" -> builder.maxAttempts(integer(key, value));
                case "outcrop.bedrock.api-call-timeout" -> builder.apiCallTimeout(duration(key, value));
                case "outcrop.bedrock.api-call-attempt-timeout" -> builder.apiCallAttemptTimeout(duration(key, value));
                case "outcrop.bedrock.connection-acquisition-timeout" -> builder.connectionAcquisitionTimeout(duration(key, value));
                case "outcrop.bedrock.protocol" -> builder.protocol(protocol(key, value));
                default -> throw new IllegalStateException(key);
            }
        }
        return builder.build();
    }

    private static String normalize(String key) {
        if (key.startsWith("OUTCROP_")) {
            String lower = key.toLowerCase(Locale.ROOT);
            // OUTCROP_BEDROCK_MAX_CONCURRENCY -> outcrop.bedrock.max-concurrency
            String[] parts = lower.split("_", 3);
            return parts.length < 3 ? lower.replace('_', '.') : parts[0] + "." + parts[1] + "." + parts[2].replace('_', '-');
        }
        return key;
    }

    private static URI uri(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a URL such as http://127.0.0.1:8787, but was '" + value + "'");
        }
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, but was '" + value + "'");
        }
    }

    private static Duration duration(String key, String value) {
        try {
            return value.startsWith("P") || value.startsWith("p") ? Duration.parse(value) : Duration.ofSeconds(Long.parseLong(value));
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as PT30S or a number of seconds, but was '" + value + "'");
        }
    }

    private static Protocol protocol(String key, String value) {
        try {
            return Protocol.valueOf(value.toUpperCase(Locale.ROOT).replace('.', '_').replace("HTTP/", "HTTP"));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be HTTP1_1 or HTTP2, but was '" + value + "'");
        }
    }

    public String region() {
        return region;
    }

    /** The Bedrock Runtime endpoint to use instead of AWS's, or null. */
    public URI bedrockEndpoint() {
        return bedrockEndpoint;
    }

    /** The STS endpoint to use instead of AWS's, or null (then the Bedrock override is used too, if set). */
    public URI stsEndpoint() {
        return stsEndpoint != null ? stsEndpoint : bedrockEndpoint;
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    public Duration apiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public Duration connectionAcquisitionTimeout() {
        return connectionAcquisitionTimeout;
    }

    public Protocol protocol() {
        return protocol;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BedrockClientConfig that && maxConcurrency == that.maxConcurrency && maxAttempts == that.maxAttempts
                && region.equals(that.region) && Objects.equals(bedrockEndpoint, that.bedrockEndpoint) && Objects.equals(stsEndpoint, that.stsEndpoint)
                && apiCallTimeout.equals(that.apiCallTimeout) && apiCallAttemptTimeout.equals(that.apiCallAttemptTimeout)
                && connectionAcquisitionTimeout.equals(that.connectionAcquisitionTimeout) && protocol == that.protocol;
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, bedrockEndpoint, stsEndpoint, maxConcurrency, maxAttempts, apiCallTimeout, apiCallAttemptTimeout,
                connectionAcquisitionTimeout, protocol);
    }

    @Override
    public String toString() {
        return "BedrockClientConfig[region=" + region + ", bedrockEndpoint=" + bedrockEndpoint + ", stsEndpoint=" + stsEndpoint()
                + ", maxConcurrency=" + maxConcurrency + ", maxAttempts=" + maxAttempts + ", apiCallTimeout=" + apiCallTimeout
                + ", apiCallAttemptTimeout=" + apiCallAttemptTimeout + ", protocol=" + protocol + "]";
    }

    public static final class Builder {
        private String region = DEFAULT_REGION;
        private URI bedrockEndpoint;
        private URI stsEndpoint;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
        private Duration apiCallAttemptTimeout = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;
        private Duration connectionAcquisitionTimeout = DEFAULT_CONNECTION_ACQUISITION_TIMEOUT;
        private Protocol protocol = Protocol.HTTP1_1;

        private Builder() {
        }

        private Builder(BedrockClientConfig source) {
            this.region = source.region;
            this.bedrockEndpoint = source.bedrockEndpoint;
            this.stsEndpoint = source.stsEndpoint;
            this.maxConcurrency = source.maxConcurrency;
            this.maxAttempts = source.maxAttempts;
            this.apiCallTimeout = source.apiCallTimeout;
            this.apiCallAttemptTimeout = source.apiCallAttemptTimeout;
            this.connectionAcquisitionTimeout = source.connectionAcquisitionTimeout;
            this.protocol = source.protocol;
        }

        /** The default region, used by STS calls and locations of accounts that name none. */
        public Builder region(String region) {
            requireNonNull(region, "region is null");
            if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                throw new IllegalArgumentException("region must be an AWS region such as us-east-1, but was '" + region + "'");
            }
            this.region = region;
            return this;
        }

        /** Sends Bedrock Runtime calls here instead of to AWS (the emulator, a VPC endpoint). */
        public Builder bedrockEndpoint(URI endpoint) {
            this.bedrockEndpoint = requireNonNull(endpoint, "endpoint is null");
            return this;
        }

        /** Sends STS calls here instead of to AWS. */
        public Builder stsEndpoint(URI endpoint) {
            this.stsEndpoint = requireNonNull(endpoint, "endpoint is null");
            return this;
        }

        /** The most calls in flight at once per region, which is also the connection pool's size. */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1, but was " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** Attempts per call, the first included, for retryable errors (throttling, timeouts, 5xx). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder apiCallTimeout(Duration timeout) {
            this.apiCallTimeout = positive(timeout, "apiCallTimeout");
            return this;
        }

        public Builder apiCallAttemptTimeout(Duration timeout) {
            this.apiCallAttemptTimeout = positive(timeout, "apiCallAttemptTimeout");
            return this;
        }

        public Builder connectionAcquisitionTimeout(Duration timeout) {
            this.connectionAcquisitionTimeout = positive(timeout, "connectionAcquisitionTimeout");
            return this;
        }

        public Builder protocol(Protocol protocol) {
            this.protocol = requireNonNull(protocol, "protocol is null");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            requireNonNull(value, name + " is null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + value);
            }
            return value;
        }

        public BedrockClientConfig build() {
            if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
                throw new IllegalArgumentException("apiCallAttemptTimeout (" + apiCallAttemptTimeout + ") must not exceed apiCallTimeout (" + apiCallTimeout + ")");
            }
            return new BedrockClientConfig(this);
        }
    }
}
