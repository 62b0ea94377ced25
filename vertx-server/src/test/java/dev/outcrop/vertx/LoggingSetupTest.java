package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.client.config.WireLogging;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

final class LoggingSetupTest {

    private static final String LOGGING_HANDLER = LoggingSetup.LEVEL_PREFIX + "io.netty.handler.logging.LoggingHandler";
    private static final String SIGNERS = LoggingSetup.LEVEL_PREFIX + "software.amazon.awssdk.http.auth";
    private static final String OWN = LoggingSetup.LEVEL_PREFIX + "dev.outcrop";

    @Test
    void bundledConfig_pinsEveryWireLoggerAtInfo_withTheDefaultAtInfo() {
        Properties bundled = LoggingSetup.bundled();

        assertThat(bundled.getProperty(LoggingSetup.DEFAULT_LEVEL)).isEqualTo("info");
        for (String name : WireLogging.SENSITIVE_LOGGERS) {
            assertThat(bundled.getProperty(LoggingSetup.LEVEL_PREFIX + name)).as(name).isEqualTo("info");
        }
    }

    @Test
    void apply_withoutTheSwitch_raisesExplicitDebugOnWireLoggersToInfo_andLeavesTheRest() {
        Properties system = new Properties();
        system.setProperty(LoggingSetup.DEFAULT_LEVEL, "trace");
        system.setProperty(LOGGING_HANDLER, "DEBUG");
        system.setProperty(SIGNERS, "warn");
        system.setProperty(OWN, "debug");

        var notes = LoggingSetup.apply(Map.of(), system, LoggingSetup.bundled());

        assertThat(system.getProperty(LOGGING_HANDLER)).isEqualTo("info");
        assertThat(system.getProperty(SIGNERS)).as("stricter than the pin: kept").isEqualTo("warn");
        assertThat(system.getProperty(OWN)).isEqualTo("debug");
        assertThat(system.getProperty(LoggingSetup.DEFAULT_LEVEL)).isEqualTo("trace");
        assertThat(system.getProperty(WireLogging.UNSAFE_PROPERTY)).isNull();
        assertThat(notes).singleElement().asString().contains(LOGGING_HANDLER).contains("OUTCROP_UNSAFE_WIRE_LOGGING=true");
    }

    @Test
    void apply_withTheSwitchFromTheEnvironment_liftsThePinsToTheDefaultLevel_andKeepsExplicitSettings() {
        Properties system = new Properties();
        system.setProperty(LoggingSetup.DEFAULT_LEVEL, "trace");
        system.setProperty(SIGNERS, "warn");

        var notes = LoggingSetup.apply(Main.fromEnvironment(Map.of("OUTCROP_UNSAFE_WIRE_LOGGING", "true")), system, LoggingSetup.bundled());

        assertThat(notes).isEmpty();
        for (String name : WireLogging.SENSITIVE_LOGGERS) {
            String key = LoggingSetup.LEVEL_PREFIX + name;
            assertThat(system.getProperty(key)).as(name).isEqualTo(key.equals(SIGNERS) ? "warn" : "trace");
        }
        assertThat(system.getProperty(WireLogging.UNSAFE_PROPERTY)).as("bedrock-client sees the switch too").isEqualTo("true");
    }

    @Test
    void apply_withTheSwitchAsASystemProperty_andNoDefaultLevel_usesTheBundledDefault() {
        Properties system = new Properties();
        system.setProperty(WireLogging.UNSAFE_PROPERTY, "true");
        system.setProperty(LOGGING_HANDLER, "debug");

        LoggingSetup.apply(Map.of(), system, LoggingSetup.bundled());

        assertThat(system.getProperty(LoggingSetup.LEVEL_PREFIX + "io.netty.handler.logging")).isEqualTo("info");
        assertThat(system.getProperty(LOGGING_HANDLER)).as("allowed by the switch").isEqualTo("debug");
    }
}
