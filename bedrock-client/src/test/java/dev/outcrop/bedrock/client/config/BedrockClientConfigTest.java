package dev.outcrop.bedrock.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class BedrockClientConfigTest {

    @Test
    void defaults_areDocumentedValues() {
        BedrockClientConfig config = BedrockClientConfig.defaults();

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.bedrockEndpoint()).isNull();
        assertThat(config.stsEndpoint()).isNull();
        assertThat(config.maxConcurrency()).isEqualTo(50);
        assertThat(config.maxPendingConnectionAcquires()).isEqualTo(10_000);
        assertThat(config.protocol()).isEqualTo(BedrockClientConfig.Protocol.HTTP1_1);
        assertThat(config.maxAttempts()).isEqualTo(4);
        assertThat(config.retryMode()).isEqualTo(BedrockClientConfig.RetryMode.STANDARD);
        assertThat(config.retryBaseDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.throttlingBaseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.apiCallTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.connectionAcquisitionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.completeOnIoThread()).isTrue();
        assertThat(BedrockClientConfig.fromProperties(Map.of())).isEqualTo(config);
    }

    @Test
    void fromProperties_readsEveryPropertyName() {
        Map<String, String> properties = everySetting();
        BedrockClientConfig config = BedrockClientConfig.fromProperties(properties);

        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(BedrockClientConfig.PROPERTY_NAMES);
        assertThat(config).isEqualTo(expected());
    }

    @Test
    void fromProperties_acceptsEnvironmentVariableSpellings() {
        Map<String, String> environment = new HashMap<>();
        everySetting().forEach((key, value) -> environment.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        environment.put("PATH", "/usr/bin");   // other variables are ignored

        assertThat(environment).containsKeys("OUTCROP_BEDROCK_MAX_PENDING_CONNECTION_ACQUIRES", "OUTCROP_STS_ENDPOINT",
                "OUTCROP_BEDROCK_API_CALL_ATTEMPT_TIMEOUT");
        assertThat(BedrockClientConfig.fromProperties(environment)).isEqualTo(expected());
    }

    @Test
    void fromProperties_honoursTheSdkRetrySettings_outcropSettingsWin() {
        BedrockClientConfig sdk = BedrockClientConfig.fromProperties(Map.of("AWS_MAX_ATTEMPTS", "7", "AWS_RETRY_MODE", "adaptive_v2"));
        assertThat(sdk.maxAttempts()).isEqualTo(7);
        assertThat(sdk.retryMode()).isEqualTo(BedrockClientConfig.RetryMode.ADAPTIVE);

        BedrockClientConfig legacy = BedrockClientConfig.fromProperties(Map.of("aws.retryMode", "legacy", "aws.maxAttempts", "2"));
        assertThat(legacy.retryMode()).isEqualTo(BedrockClientConfig.RetryMode.STANDARD);
        assertThat(legacy.maxAttempts()).isEqualTo(2);

        BedrockClientConfig both = BedrockClientConfig.fromProperties(Map.of("AWS_MAX_ATTEMPTS", "7", "OUTCROP_BEDROCK_MAX_ATTEMPTS", "3"));
        assertThat(both.maxAttempts()).isEqualTo(3);
    }

    @Test
    void fromEnvironment_withoutOutcropVariables_isTheDefaults() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv().keySet().stream()
                .noneMatch(k -> k.startsWith("OUTCROP_BEDROCK_") || k.startsWith("OUTCROP_STS_") || k.equals("AWS_MAX_ATTEMPTS") || k.equals("AWS_RETRY_MODE")));
        assertThat(BedrockClientConfig.fromEnvironment()).isEqualTo(BedrockClientConfig.defaults());
    }

    @Test
    void fromProperties_unknownOutcropKey_isRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.max-concurency", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'outcrop.bedrock.max-concurency'")
                .hasMessageContaining("outcrop.bedrock.max-concurrency");
        assertThat(BedrockClientConfig.fromProperties(Map.of("outcrop.catalog.url", "x"))).isEqualTo(BedrockClientConfig.defaults());
    }

    @Test
    void fromProperties_badValues_nameTheSettingAndTheExpectedForm() {
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.max-attempts", "many")))
                .hasMessage("outcrop.bedrock.max-attempts must be a whole number, but was 'many'");
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.read-timeout", "soon")))
                .hasMessage("outcrop.bedrock.read-timeout must be a duration such as PT30S, 30 (seconds) or 250ms, but was 'soon'");
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.endpoint", "localhost")))
                .hasMessage("outcrop.bedrock.endpoint must be a URL such as http://127.0.0.1:8787, but was 'localhost'");
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.protocol", "spdy")))
                .hasMessage("outcrop.bedrock.protocol must be HTTP1_1 or HTTP2, but was 'spdy'");
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.retry-mode", "legacy")))
                .hasMessage("outcrop.bedrock.retry-mode must be STANDARD or ADAPTIVE, but was 'legacy'");
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.complete-on-io-thread", "yes")))
                .hasMessage("outcrop.bedrock.complete-on-io-thread must be true or false, but was 'yes'");
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.region", "mars")))
                .hasMessage("region must be an AWS region such as us-east-1, but was 'mars'");
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.max-concurrency", "0")))
                .hasMessage("maxConcurrency must be at least 1, but was 0");
    }

    @Test
    void durations_acceptIsoSecondsAndMilliseconds() {
        assertThat(BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.read-timeout", "PT1.5S")).readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.read-timeout", "45")).readTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.read-timeout", "250ms")).readTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.protocol", "http/2")).protocol()).isEqualTo(BedrockClientConfig.Protocol.HTTP2);
    }

    @Test
    void build_attemptTimeoutAboveTotal_isRefused() {
        assertThatThrownBy(() -> BedrockClientConfig.builder().apiCallTimeout(Duration.ofSeconds(5)).apiCallAttemptTimeout(Duration.ofSeconds(10)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiCallAttemptTimeout (PT10S) must not exceed apiCallTimeout (PT5S)");
    }

    @Test
    void s3Endpoint_fallsBackToTheBedrockOverride_elseAws() {
        URI emulator = URI.create("http://127.0.0.1:8787");
        assertThat(BedrockClientConfig.builder().bedrockEndpoint(emulator).build().s3Endpoint()).isEqualTo(emulator);
        assertThat(BedrockClientConfig.builder().build().s3Endpoint()).isNull();
        assertThat(BedrockClientConfig.builder().bedrockEndpoint(emulator).s3Endpoint(URI.create("http://127.0.0.1:9000")).build().s3Endpoint())
                .isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void stsEndpoint_fallsBackToTheBedrockOverride() {
        URI emulator = URI.create("http://127.0.0.1:8787");
        assertThat(BedrockClientConfig.builder().bedrockEndpoint(emulator).build().stsEndpoint()).isEqualTo(emulator);
    }

    @Test
    void toBuilder_roundTrips_andEqualityCoversEveryField() {
        BedrockClientConfig config = expected();
        assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
        assertThat(config.toBuilder().readTimeout(Duration.ofSeconds(61)).build()).isNotEqualTo(config);
        assertThat(config.toString()).contains("maxConcurrency=7", "protocol=HTTP2");
    }

    private static Map<String, String> everySetting() {
        Map<String, String> properties = new HashMap<>();
        properties.put("outcrop.bedrock.region", "eu-west-3");
        properties.put("outcrop.bedrock.endpoint", "http://127.0.0.1:8787");
        properties.put("outcrop.sts.endpoint", "http://127.0.0.1:8788");
        properties.put("outcrop.s3.endpoint", "http://127.0.0.1:8789");
        properties.put("outcrop.bedrock.max-concurrency", "7");
        properties.put("outcrop.bedrock.max-pending-connection-acquires", "70");
        properties.put("outcrop.bedrock.protocol", "HTTP2");
        properties.put("outcrop.bedrock.max-attempts", "9");
        properties.put("outcrop.bedrock.retry-mode", "adaptive");
        properties.put("outcrop.bedrock.retry-base-delay", "10ms");
        properties.put("outcrop.bedrock.throttling-base-delay", "20ms");
        properties.put("outcrop.bedrock.retry-max-backoff", "PT3S");
        properties.put("outcrop.bedrock.api-call-timeout", "PT90S");
        properties.put("outcrop.bedrock.api-call-attempt-timeout", "30");
        properties.put("outcrop.bedrock.connection-acquisition-timeout", "5");
        properties.put("outcrop.bedrock.connection-timeout", "1500ms");
        properties.put("outcrop.bedrock.read-timeout", "PT2M");
        properties.put("outcrop.bedrock.complete-on-io-thread", "false");
        properties.put("outcrop.bedrock.transport", "netty");
        return properties;
    }

    private static BedrockClientConfig expected() {
        return BedrockClientConfig.builder()
                .region("eu-west-3")
                .bedrockEndpoint(URI.create("http://127.0.0.1:8787"))
                .stsEndpoint(URI.create("http://127.0.0.1:8788"))
                .s3Endpoint(URI.create("http://127.0.0.1:8789"))
                .maxConcurrency(7)
                .maxPendingConnectionAcquires(70)
                .protocol(BedrockClientConfig.Protocol.HTTP2)
                .maxAttempts(9)
                .retryMode(BedrockClientConfig.RetryMode.ADAPTIVE)
                .retryBaseDelay(Duration.ofMillis(10))
                .throttlingBaseDelay(Duration.ofMillis(20))
                .retryMaxBackoff(Duration.ofSeconds(3))
                .apiCallTimeout(Duration.ofSeconds(90))
                .apiCallAttemptTimeout(Duration.ofSeconds(30))
                .connectionAcquisitionTimeout(Duration.ofSeconds(5))
                .connectionTimeout(Duration.ofMillis(1500))
                .readTimeout(Duration.ofMinutes(2))
                .completeOnIoThread(false)
                .transport(BedrockClientConfig.Transport.NETTY)
                .build();
    }

    @Test
    void transport_defaultIsDirect_exceptForHttp2_whichOnlyNettySpeaks() {
        assertThat(BedrockClientConfig.defaults().transport()).isEqualTo(BedrockClientConfig.Transport.DIRECT);
        BedrockClientConfig http2 = BedrockClientConfig.builder().protocol(BedrockClientConfig.Protocol.HTTP2).build();
        assertThat(http2.transport()).isEqualTo(BedrockClientConfig.Transport.NETTY);
        assertThat(BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.protocol", "HTTP2")).transport())
                .isEqualTo(BedrockClientConfig.Transport.NETTY);
        // A default stays a default when the protocol is changed later; a transport chosen stays chosen.
        assertThat(http2.toBuilder().protocol(BedrockClientConfig.Protocol.HTTP1_1).build().transport()).isEqualTo(BedrockClientConfig.Transport.DIRECT);
        assertThat(BedrockClientConfig.defaults().toBuilder().protocol(BedrockClientConfig.Protocol.HTTP2).build().transport())
                .isEqualTo(BedrockClientConfig.Transport.NETTY);
        assertThat(BedrockClientConfig.builder().transport(BedrockClientConfig.Transport.NETTY).build().toBuilder()
                .protocol(BedrockClientConfig.Protocol.HTTP1_1).build().transport()).isEqualTo(BedrockClientConfig.Transport.NETTY);
    }

    @Test
    void transport_isReadByName_andCrtRefusesHttp2WithTheFix() {
        assertThat(BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.transport", " crt ")).transport())
                .isEqualTo(BedrockClientConfig.Transport.CRT);
        assertThatThrownBy(() -> BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.transport", "okhttp")))
                .hasMessageContaining("outcrop.bedrock.transport must be NETTY, CRT or DIRECT, but was 'okhttp'");
        assertThat(BedrockClientConfig.fromProperties(Map.of("outcrop.bedrock.transport", "direct")).transport())
                .isEqualTo(BedrockClientConfig.Transport.DIRECT);
        for (BedrockClientConfig.Transport http1Only : new BedrockClientConfig.Transport[] {BedrockClientConfig.Transport.CRT, BedrockClientConfig.Transport.DIRECT}) {
            assertThatThrownBy(() -> BedrockClientConfig.builder().transport(http1Only)
                    .protocol(BedrockClientConfig.Protocol.HTTP2).build())
                    .hasMessageContaining("HTTP/1.1 only").hasMessageContaining("transport to NETTY");
        }
    }
}
