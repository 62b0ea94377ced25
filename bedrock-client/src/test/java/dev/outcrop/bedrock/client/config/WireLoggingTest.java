package dev.outcrop.bedrock.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class WireLoggingTest {

    @Test
    void unsafeAllowed_onlyWhenThePropertyOrTheVariableIsTrue() {
        assertThat(WireLogging.unsafeAllowed(name -> null, name -> null)).isFalse();
        assertThat(WireLogging.unsafeAllowed(Map.of(WireLogging.UNSAFE_PROPERTY, "true")::get, name -> null)).isTrue();
        assertThat(WireLogging.unsafeAllowed(name -> null, Map.of(WireLogging.UNSAFE_ENVIRONMENT_VARIABLE, " TRUE ")::get)).isTrue();
        assertThat(WireLogging.unsafeAllowed(Map.of(WireLogging.UNSAFE_PROPERTY, "yes")::get,
                Map.of(WireLogging.UNSAFE_ENVIRONMENT_VARIABLE, "1")::get)).as("only 'true' counts").isFalse();
    }

    @Test
    void enabledAtDebug_namesTheCheckedLoggersThatAreOn_includingOnesBelowTheSensitiveNames() {
        Set<String> atDebug = Set.of("io.netty.handler.logging.LoggingHandler", "software.amazon.awssdk.request", "software.amazon.awssdk.retries");

        assertThat(WireLogging.enabledAtDebug(atDebug::contains))
                .containsExactly("software.amazon.awssdk.request", "io.netty.handler.logging.LoggingHandler");
        assertThat(WireLogging.enabledAtDebug(name -> false)).isEmpty();
    }

    @Test
    void sensitiveLoggers_includeTheOnesSeenWritingCredentials() {
        assertThat(WireLogging.SENSITIVE_LOGGERS).contains("io.netty.handler.logging", "software.amazon.awssdk.http.auth",
                "software.amazon.awssdk.request", "software.amazon.awssdk.requestId");
        assertThat(WireLogging.CHECKED_LOGGERS).containsAll(WireLogging.SENSITIVE_LOGGERS)
                .allSatisfy(name -> assertThat(WireLogging.SENSITIVE_LOGGERS).anySatisfy(prefix -> assertThat(name.equals(prefix)
                        || name.startsWith(prefix + ".")).as(name + " lies under a sensitive name").isTrue()));
    }
}
