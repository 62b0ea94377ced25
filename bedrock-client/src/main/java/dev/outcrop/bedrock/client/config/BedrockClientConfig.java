package dev.outcrop.bedrock.client.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How Outcrop talks to Bedrock Runtime and STS. Every setting has a default except, for tests and the
 * offline demo, the endpoint overrides.
 *
 * <p>From properties or environment variables ({@link #fromProperties}, {@link #fromEnvironment}); the names
 * and defaults are listed in {@code bedrock-client/README.md}. Durations are ISO-8601 ({@code PT30S}), a
 * number of seconds ({@code 30}) or of milliseconds ({@code 250ms}).
 */
public final class BedrockClientConfig {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MAX_CONCURRENCY = 50;
    public static final int DEFAULT_MAX_PENDING_CONNECTION_ACQUIRES = 10_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECTION_ACQUISITION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** Netty's read timeout is an inactivity timer; a model may think for a while before its first token. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_THROTTLING_BASE_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(20);

    /** The HTTP version to talk to Bedrock with. */
    public enum Protocol { HTTP1_1, HTTP2 }

    /**
     * How calls reach Bedrock: NETTY (the SDK on its Netty client, on Outcrop's own event loops), CRT (the SDK on the AWS
     * Common Runtime client, native code shipped in the aws-crt jar), or DIRECT (InvokeModel and Converse as signed HTTP
     * exchanges on the CRT client, without the SDK's request pipeline, keeping its signer, retry strategy and exceptions;
     * streams and STS on the SDK over the same CRT client). CRT and DIRECT speak HTTP/1.1 only here.
     */
    public enum Transport { NETTY, CRT, DIRECT }

    /**
     * The transport when none is chosen: DIRECT, which at 32 and 128 calls in flight made more calls per second than CRT,
     * the SDK clients and both frameworks, at about 0.6x their client CPU per call (bedrock-client README, "Transports");
     * NETTY for HTTP/2, which neither CRT nor DIRECT speaks here.
     */
    public static Transport defaultTransport(Protocol protocol) {
        return protocol == Protocol.HTTP2 ? Transport.NETTY : Transport.DIRECT;
    }

    /** The SDK retry strategy: STANDARD, or ADAPTIVE, which also slows all calls down after throttling. */
    public enum RetryMode { STANDARD, ADAPTIVE }

    static final String REGION = "outcrop.bedrock.region";
    static final String ENDPOINT = "outcrop.bedrock.endpoint";
    static final String STS_ENDPOINT = "outcrop.sts.endpoint";
    static final String S3_ENDPOINT = "outcrop.s3.endpoint";
    static final String MAX_CONCURRENCY = "outcrop.bedrock.max-concurrency";
    static final String MAX_PENDING = "outcrop.bedrock.max-pending-connection-acquires";
    static final String PROTOCOL = "outcrop.bedrock.protocol";
    static final String TRANSPORT = "outcrop.bedrock.transport";
    static final String MAX_ATTEMPTS = "outcrop.bedrock.max-attempts";
    static final String RETRY_MODE = "outcrop.bedrock.retry-mode";
    static final String RETRY_BASE_DELAY = "outcrop.bedrock.retry-base-delay";
    static final String THROTTLING_BASE_DELAY = "outcrop.bedrock.throttling-base-delay";
    static final String RETRY_MAX_BACKOFF = "outcrop.bedrock.retry-max-backoff";
    static final String API_CALL_TIMEOUT = "outcrop.bedrock.api-call-timeout";
    static final String API_CALL_ATTEMPT_TIMEOUT = "outcrop.bedrock.api-call-attempt-timeout";
    static final String CONNECTION_ACQUISITION_TIMEOUT = "outcrop.bedrock.connection-acquisition-timeout";
    static final String CONNECTION_TIMEOUT = "outcrop.bedrock.connection-timeout";
    static final String READ_TIMEOUT = "outcrop.bedrock.read-timeout";
    static final String COMPLETE_ON_IO_THREAD = "outcrop.bedrock.complete-on-io-thread";

    /**
     * One setting {@link #fromProperties} reads: its name, its default as it would be written in a
     * properties file (null when it has none), and what it does.
     */
    public record Setting(String name, String defaultValue, String description) {
        public Setting {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
        }
    }

    /**
     * Every setting {@link #fromProperties} reads, with its default and meaning, in the order of the
     * README's table. A key is read only if it is listed here; docs/configuration.md is generated from it.
     */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(REGION, DEFAULT_REGION, "Default region: STS calls, and accounts that name none."),
            new Setting(ENDPOINT, null, "Bedrock Runtime endpoint to use instead of AWS's (the emulator, a VPC endpoint)."),
            new Setting(STS_ENDPOINT, null, "STS endpoint to use instead of AWS's; without it, the Bedrock override if set, else AWS's."),
            new Setting(S3_ENDPOINT, null, "S3 endpoint (path-style) for READ_CSV and READ_JSON through `SOURCE = AMAZON_S3` locations, instead "
                    + "of AWS's; without it, the Bedrock override if set (the emulator serves S3 too), else AWS's."),
            new Setting(MAX_CONCURRENCY, String.valueOf(DEFAULT_MAX_CONCURRENCY), "Calls in flight at once per endpoint: HTTP/1.1 connections "
                    + "or HTTP/2 streams. Core never has more calls in flight than this (`ModelRuntime.maxConcurrentCalls()`)."),
            new Setting(MAX_PENDING, String.valueOf(DEFAULT_MAX_PENDING_CONNECTION_ACQUIRES), "Calls that may wait for a pooled connection once all "
                    + "are busy; beyond that a call fails at once with `LOCAL_CAPACITY_EXHAUSTED`."),
            new Setting(PROTOCOL, Protocol.HTTP1_1.name(), "`HTTP1_1` or `HTTP2` (h2c with prior knowledge over `http://`, ALPN over `https://`)."),
            new Setting(TRANSPORT, Transport.DIRECT.name(), "How calls reach Bedrock: `DIRECT` (InvokeModel and Converse as signed HTTP "
                    + "exchanges on the AWS Common Runtime client, without the SDK's request pipeline; streams and STS through the SDK on "
                    + "the same client), `CRT` (the SDK on the AWS Common Runtime client) or `NETTY` (the SDK on its Netty client). `DIRECT` "
                    + "and `CRT` speak HTTP/1.1 only, and `read-timeout` becomes their connection health check, in whole seconds, at "
                    + "least 2; without a choice, `NETTY` when `protocol` is `HTTP2`."),
            new Setting(MAX_ATTEMPTS, String.valueOf(DEFAULT_MAX_ATTEMPTS), "Attempts per call by the SDK, the first included (1: no SDK retry; "
                    + "the engine's own retries of throttled calls are separate)."),
            new Setting(RETRY_MODE, RetryMode.STANDARD.name(), "The SDK retry strategy: `STANDARD`, or `ADAPTIVE`, which also slows all calls "
                    + "down after throttling."),
            new Setting(RETRY_BASE_DELAY, text(DEFAULT_RETRY_BASE_DELAY), "Base of the SDK's exponential backoff after a non-throttling error."),
            new Setting(THROTTLING_BASE_DELAY, text(DEFAULT_THROTTLING_BASE_DELAY), "Base of the SDK's exponential backoff after throttling."),
            new Setting(RETRY_MAX_BACKOFF, text(DEFAULT_RETRY_MAX_BACKOFF), "Cap of every SDK backoff."),
            new Setting(API_CALL_TIMEOUT, text(DEFAULT_API_CALL_TIMEOUT), "The most a call may take, all attempts and backoffs included "
                    + "(for a stream, the whole stream)."),
            new Setting(API_CALL_ATTEMPT_TIMEOUT, text(DEFAULT_API_CALL_ATTEMPT_TIMEOUT), "The most one attempt may take; must not exceed "
                    + "the call timeout."),
            new Setting(CONNECTION_ACQUISITION_TIMEOUT, text(DEFAULT_CONNECTION_ACQUISITION_TIMEOUT), "How long a call waits for a pooled "
                    + "connection (HTTP/2: a stream) before it fails with `LOCAL_CAPACITY_EXHAUSTED`."),
            new Setting(CONNECTION_TIMEOUT, text(DEFAULT_CONNECTION_TIMEOUT), "The most opening a TCP connection may take."),
            new Setting(READ_TIMEOUT, text(DEFAULT_READ_TIMEOUT), "The longest silence allowed while reading a response, also between two "
                    + "stream frames."),
            new Setting(COMPLETE_ON_IO_THREAD, "true", "Complete Bedrock calls on the I/O thread that read the answer (saves a thread "
                    + "switch per call), instead of the SDK's `sdk-async-response` pool (with `DIRECT`: Outcrop's `outcrop-bedrock-completions` pool)."));

    /** Every setting {@link #fromProperties} reads: the names of {@link #SETTINGS}. */
    public static final Set<String> PROPERTY_NAMES = SETTINGS.stream().map(Setting::name).collect(Collectors.toUnmodifiableSet());

    private final String region;
    private final URI bedrockEndpoint;
    private final URI stsEndpoint;
    private final URI s3Endpoint;
    private final int maxConcurrency;
    private final int maxPendingConnectionAcquires;
    private final Protocol protocol;
    private final Transport transport;
    private final int maxAttempts;
    private final RetryMode retryMode;
    private final Duration retryBaseDelay;
    private final Duration throttlingBaseDelay;
    private final Duration retryMaxBackoff;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final Duration connectionAcquisitionTimeout;
    private final Duration connectionTimeout;
    private final Duration readTimeout;
    private final boolean completeOnIoThread;

    private BedrockClientConfig(Builder builder) {
        this.region = builder.region;
        this.bedrockEndpoint = builder.bedrockEndpoint;
        this.stsEndpoint = builder.stsEndpoint;
        this.s3Endpoint = builder.s3Endpoint;
        this.maxConcurrency = builder.maxConcurrency;
        this.maxPendingConnectionAcquires = builder.maxPendingConnectionAcquires;
        this.protocol = builder.protocol;
        this.transport = builder.transport != null ? builder.transport : defaultTransport(builder.protocol);
        this.maxAttempts = builder.maxAttempts;
        this.retryMode = builder.retryMode;
        this.retryBaseDelay = builder.retryBaseDelay;
        this.throttlingBaseDelay = builder.throttlingBaseDelay;
        this.retryMaxBackoff = builder.retryMaxBackoff;
        this.apiCallTimeout = builder.apiCallTimeout;
        this.apiCallAttemptTimeout = builder.apiCallAttemptTimeout;
        this.connectionAcquisitionTimeout = builder.connectionAcquisitionTimeout;
        this.connectionTimeout = builder.connectionTimeout;
        this.readTimeout = builder.readTimeout;
        this.completeOnIoThread = builder.completeOnIoThread;
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

    /** {@link #fromProperties} over the process environment ({@code OUTCROP_BEDROCK_*}, {@code OUTCROP_STS_*}). */
    public static BedrockClientConfig fromEnvironment() {
        return fromProperties(System.getenv());
    }

    /**
     * Reads the settings in {@link #PROPERTY_NAMES}. Environment-variable spellings are accepted too:
     * {@code OUTCROP_BEDROCK_MAX_CONCURRENCY} for {@code outcrop.bedrock.max-concurrency}. Other keys are
     * ignored, but unknown {@code outcrop.bedrock.*}, {@code outcrop.sts.*} and {@code outcrop.s3.*} keys are refused, so that a
     * typo does not pass unnoticed.
     */
    public static BedrockClientConfig fromProperties(Map<String, String> properties) {
        requireNonNull(properties, "properties is null");
        Builder builder = builder();
        applySdkRetrySettings(builder, properties);
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = normalize(entry.getKey());
            if (!key.startsWith("outcrop.bedrock.") && !key.startsWith("outcrop.sts.") && !key.startsWith("outcrop.s3.")) {
                continue;
            }
            if (!PROPERTY_NAMES.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + entry.getKey() + "'; known settings: " + new TreeSet<>(PROPERTY_NAMES));
            }
            String value = requireNonNull(entry.getValue(), () -> "setting '" + entry.getKey() + "' has no value").trim();
            apply(builder, key, value);
        }
        return builder.build();
    }

    /**
     * The SDK's own retry settings ({@code AWS_MAX_ATTEMPTS}, {@code AWS_RETRY_MODE}, or {@code aws.maxAttempts},
     * {@code aws.retryMode}) apply when present; Outcrop's settings, read after them, win. LEGACY is read as STANDARD.
     */
    private static void applySdkRetrySettings(Builder builder, Map<String, String> properties) {
        for (String key : new String[] {"AWS_MAX_ATTEMPTS", "aws.maxAttempts"}) {
            String value = properties.get(key);
            if (value != null) {
                builder.maxAttempts(integer(key, value.trim()));
            }
        }
        for (String key : new String[] {"AWS_RETRY_MODE", "aws.retryMode"}) {
            String value = properties.get(key);
            if (value != null) {
                String mode = value.trim().toUpperCase(Locale.ROOT);
                builder.retryMode(mode.startsWith("ADAPTIVE") ? RetryMode.ADAPTIVE : retryMode(key, mode.equals("LEGACY") ? "STANDARD" : mode));
            }
        }
    }

    private static void apply(Builder builder, String key, String value) {
        switch (key) {
            case REGION -> builder.region(value);
            case ENDPOINT -> builder.bedrockEndpoint(uri(key, value));
            case STS_ENDPOINT -> builder.stsEndpoint(uri(key, value));
            case S3_ENDPOINT -> builder.s3Endpoint(uri(key, value));
            case MAX_CONCURRENCY -> builder.maxConcurrency(integer(key, value));
            case MAX_PENDING -> builder.maxPendingConnectionAcquires(integer(key, value));
            case PROTOCOL -> builder.protocol(protocol(key, value));
            case TRANSPORT -> builder.transport(transport(key, value));
            case MAX_ATTEMPTS -> builder.maxAttempts(integer(key, value));
            case RETRY_MODE -> builder.retryMode(retryMode(key, value));
            case RETRY_BASE_DELAY -> builder.retryBaseDelay(duration(key, value));
            case THROTTLING_BASE_DELAY -> builder.throttlingBaseDelay(duration(key, value));
            case RETRY_MAX_BACKOFF -> builder.retryMaxBackoff(duration(key, value));
            case API_CALL_TIMEOUT -> builder.apiCallTimeout(duration(key, value));
            case API_CALL_ATTEMPT_TIMEOUT -> builder.apiCallAttemptTimeout(duration(key, value));
            case CONNECTION_ACQUISITION_TIMEOUT -> builder.connectionAcquisitionTimeout(duration(key, value));
            case CONNECTION_TIMEOUT -> builder.connectionTimeout(duration(key, value));
            case READ_TIMEOUT -> builder.readTimeout(duration(key, value));
            case COMPLETE_ON_IO_THREAD -> builder.completeOnIoThread(bool(key, value));
            default -> throw new IllegalStateException("no handler for " + key);
        }
    }

    /** OUTCROP_BEDROCK_MAX_CONCURRENCY -> outcrop.bedrock.max-concurrency; other keys unchanged. */
    static String normalize(String key) {
        if (!key.startsWith("OUTCROP_")) {
            return key;
        }
        String[] parts = key.toLowerCase(Locale.ROOT).split("_", 3);
        return parts.length < 3 ? String.join(".", parts) : parts[0] + "." + parts[1] + "." + parts[2].replace('_', '-');
    }

    /** A duration as {@link #fromProperties} reads it back: {@code 250ms}, or whole seconds such as {@code 30s}. */
    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
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
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).trim()));
            }
            return Duration.ofSeconds(Long.parseLong(lower.endsWith("s") ? lower.substring(0, lower.length() - 1).trim() : lower));
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as PT30S, 30 (seconds) or 250ms, but was '" + value + "'");
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, but was '" + value + "'");
        };
    }

    private static Protocol protocol(String key, String value) {
        try {
            return Protocol.valueOf(value.toUpperCase(Locale.ROOT).replace("HTTP/", "HTTP").replace('.', '_'));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be HTTP1_1 or HTTP2, but was '" + value + "'");
        }
    }

    private static Transport transport(String key, String value) {
        try {
            return Transport.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be NETTY, CRT or DIRECT, but was '" + value + "'");
        }
    }

    private static RetryMode retryMode(String key, String value) {
        try {
            return RetryMode.valueOf(value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be STANDARD or ADAPTIVE, but was '" + value + "'");
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

    /** The S3 endpoint override: the configured one, else the Bedrock override, else null (AWS's). */
    public URI s3Endpoint() {
        return s3Endpoint != null ? s3Endpoint : bedrockEndpoint;
    }

    /**
     * Calls in flight at once per endpoint: the Netty pool's limit on acquisitions, which are connections with HTTP/1.1
     * and streams with HTTP/2. Every region shares one pool when an endpoint override is set; against AWS each region's
     * endpoint has a pool of its own.
     */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    public int maxPendingConnectionAcquires() {
        return maxPendingConnectionAcquires;
    }

    public Protocol protocol() {
        return protocol;
    }

    public Transport transport() {
        return transport;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public RetryMode retryMode() {
        return retryMode;
    }

    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    public Duration throttlingBaseDelay() {
        return throttlingBaseDelay;
    }

    public Duration retryMaxBackoff() {
        return retryMaxBackoff;
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

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Whether Bedrock calls complete their stages on the Netty I/O thread that read the answer (true), or on the
     * SDK's completion thread pool (false). True saves a thread switch per call; then whoever chains work that may
     * block onto a stage must use an {@code *Async} method with an executor of their own, as core does.
     */
    public boolean completeOnIoThread() {
        return completeOnIoThread;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BedrockClientConfig that && maxConcurrency == that.maxConcurrency
                && maxPendingConnectionAcquires == that.maxPendingConnectionAcquires && maxAttempts == that.maxAttempts
                && region.equals(that.region) && Objects.equals(bedrockEndpoint, that.bedrockEndpoint)
                && Objects.equals(stsEndpoint, that.stsEndpoint) && Objects.equals(s3Endpoint, that.s3Endpoint) && protocol == that.protocol && transport == that.transport && retryMode == that.retryMode
                && retryBaseDelay.equals(that.retryBaseDelay) && throttlingBaseDelay.equals(that.throttlingBaseDelay)
                && retryMaxBackoff.equals(that.retryMaxBackoff) && apiCallTimeout.equals(that.apiCallTimeout)
                && apiCallAttemptTimeout.equals(that.apiCallAttemptTimeout)
                && connectionAcquisitionTimeout.equals(that.connectionAcquisitionTimeout)
                && connectionTimeout.equals(that.connectionTimeout) && readTimeout.equals(that.readTimeout)
                && completeOnIoThread == that.completeOnIoThread;
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, bedrockEndpoint, stsEndpoint, s3Endpoint, maxConcurrency, maxPendingConnectionAcquires, protocol, transport, maxAttempts,
                retryMode, retryBaseDelay, throttlingBaseDelay, retryMaxBackoff, apiCallTimeout, apiCallAttemptTimeout,
                connectionAcquisitionTimeout, connectionTimeout, readTimeout, completeOnIoThread);
    }

    @Override
    public String toString() {
        return "BedrockClientConfig[region=" + region + ", bedrockEndpoint=" + bedrockEndpoint + ", stsEndpoint=" + stsEndpoint() + ", s3Endpoint=" + s3Endpoint()
                + ", maxConcurrency=" + maxConcurrency + ", maxPendingConnectionAcquires=" + maxPendingConnectionAcquires
                + ", protocol=" + protocol + ", transport=" + transport + ", maxAttempts=" + maxAttempts + ", retryMode=" + retryMode
                + ", retryBaseDelay=" + retryBaseDelay + ", throttlingBaseDelay=" + throttlingBaseDelay
                + ", retryMaxBackoff=" + retryMaxBackoff + ", apiCallTimeout=" + apiCallTimeout
                + ", apiCallAttemptTimeout=" + apiCallAttemptTimeout + ", connectionAcquisitionTimeout=" + connectionAcquisitionTimeout
                + ", connectionTimeout=" + connectionTimeout + ", readTimeout=" + readTimeout + ", completeOnIoThread=" + completeOnIoThread + "]";
    }

    public static final class Builder {
        private String region = DEFAULT_REGION;
        private URI bedrockEndpoint;
        private URI stsEndpoint;
        private URI s3Endpoint;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int maxPendingConnectionAcquires = DEFAULT_MAX_PENDING_CONNECTION_ACQUIRES;
        private Protocol protocol = Protocol.HTTP1_1;
        /** Null until chosen: then {@link #defaultTransport} of the protocol. */
        private Transport transport;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private RetryMode retryMode = RetryMode.STANDARD;
        private Duration retryBaseDelay = DEFAULT_RETRY_BASE_DELAY;
        private Duration throttlingBaseDelay = DEFAULT_THROTTLING_BASE_DELAY;
        private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
        private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
        private Duration apiCallAttemptTimeout = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;
        private Duration connectionAcquisitionTimeout = DEFAULT_CONNECTION_ACQUISITION_TIMEOUT;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private boolean completeOnIoThread = true;

        private Builder() {
        }

        private Builder(BedrockClientConfig source) {
            this.region = source.region;
            this.bedrockEndpoint = source.bedrockEndpoint;
            this.stsEndpoint = source.stsEndpoint;
            this.s3Endpoint = source.s3Endpoint;
            this.maxConcurrency = source.maxConcurrency;
            this.maxPendingConnectionAcquires = source.maxPendingConnectionAcquires;
            this.protocol = source.protocol;
            // A transport that was the default stays a default, so that changing the protocol changes it too.
            this.transport = source.transport == defaultTransport(source.protocol) ? null : source.transport;
            this.maxAttempts = source.maxAttempts;
            this.retryMode = source.retryMode;
            this.retryBaseDelay = source.retryBaseDelay;
            this.throttlingBaseDelay = source.throttlingBaseDelay;
            this.retryMaxBackoff = source.retryMaxBackoff;
            this.apiCallTimeout = source.apiCallTimeout;
            this.apiCallAttemptTimeout = source.apiCallAttemptTimeout;
            this.connectionAcquisitionTimeout = source.connectionAcquisitionTimeout;
            this.connectionTimeout = source.connectionTimeout;
            this.readTimeout = source.readTimeout;
            this.completeOnIoThread = source.completeOnIoThread;
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

        /** The S3 endpoint to read objects from instead of AWS's (path-style addressing). */
        public Builder s3Endpoint(URI endpoint) {
            this.s3Endpoint = requireNonNull(endpoint, "endpoint is null");
            return this;
        }

        /** The most calls in flight at once per endpoint: HTTP/1.1 connections, or HTTP/2 streams. */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = atLeastOne(maxConcurrency, "maxConcurrency");
            return this;
        }

        /** Calls that may wait for a connection once all are busy; beyond that a call fails at once. */
        public Builder maxPendingConnectionAcquires(int maxPending) {
            this.maxPendingConnectionAcquires = atLeastOne(maxPending, "maxPendingConnectionAcquires");
            return this;
        }

        public Builder protocol(Protocol protocol) {
            this.protocol = requireNonNull(protocol, "protocol is null");
            return this;
        }

        /** The HTTP client under the SDK; see {@link Transport}. */
        public Builder transport(Transport transport) {
            this.transport = requireNonNull(transport, "transport is null");
            return this;
        }

        /** Attempts per call, the first included, for retryable errors (throttling, timeouts, 5xx). 1 = no retry. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = atLeastOne(maxAttempts, "maxAttempts");
            return this;
        }

        public Builder retryMode(RetryMode retryMode) {
            this.retryMode = requireNonNull(retryMode, "retryMode is null");
            return this;
        }

        /** Base of the exponential backoff before a retry after a non-throttling error. */
        public Builder retryBaseDelay(Duration delay) {
            this.retryBaseDelay = positive(delay, "retryBaseDelay");
            return this;
        }

        /** Base of the exponential backoff before a retry after throttling. */
        public Builder throttlingBaseDelay(Duration delay) {
            this.throttlingBaseDelay = positive(delay, "throttlingBaseDelay");
            return this;
        }

        /** The cap of every backoff. */
        public Builder retryMaxBackoff(Duration delay) {
            this.retryMaxBackoff = positive(delay, "retryMaxBackoff");
            return this;
        }

        /** The most a call may take, all attempts and backoffs included. */
        public Builder apiCallTimeout(Duration timeout) {
            this.apiCallTimeout = positive(timeout, "apiCallTimeout");
            return this;
        }

        /** The most one attempt may take. */
        public Builder apiCallAttemptTimeout(Duration timeout) {
            this.apiCallAttemptTimeout = positive(timeout, "apiCallAttemptTimeout");
            return this;
        }

        public Builder connectionAcquisitionTimeout(Duration timeout) {
            this.connectionAcquisitionTimeout = positive(timeout, "connectionAcquisitionTimeout");
            return this;
        }

        /** The most opening a TCP connection may take. */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = positive(timeout, "connectionTimeout");
            return this;
        }

        /** The longest silence allowed while reading a response, also between two stream frames. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** See {@link BedrockClientConfig#completeOnIoThread()}. */
        public Builder completeOnIoThread(boolean completeOnIoThread) {
            this.completeOnIoThread = completeOnIoThread;
            return this;
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
            }
            return value;
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
                throw new IllegalArgumentException("apiCallAttemptTimeout (" + apiCallAttemptTimeout + ") must not exceed apiCallTimeout ("
                        + apiCallTimeout + "); raise apiCallTimeout or lower apiCallAttemptTimeout");
            }
            if ((transport == Transport.CRT || transport == Transport.DIRECT) && protocol == Protocol.HTTP2) {
                throw new IllegalArgumentException("the " + transport + " transport speaks HTTP/1.1 only; set protocol to HTTP1_1 or transport to NETTY");
            }
            return new BedrockClientConfig(this);
        }
    }
}
