package dev.outcrop.bedrock.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class WireLoggingWarningTest {

    private static final List<String> ON = List.of("io.netty.handler.logging.LoggingHandler");

    @Test
    void message_whenNoWireLoggerIsAtDebug_isNone() {
        assertThat(WireLoggingWarning.message(List.of(), false)).isNull();
        assertThat(WireLoggingWarning.message(List.of(), true)).isNull();
    }

    @Test
    void message_withoutTheSwitch_namesTheLoggersTheFixAndTheSwitch() {
        assertThat(WireLoggingWarning.message(ON, false))
                .contains("io.netty.handler.logging.LoggingHandler")
                .contains("to INFO")
                .contains("software.amazon.awssdk.http.auth")
                .contains("OUTCROP_UNSAFE_WIRE_LOGGING=true");
    }

    @Test
    void message_withTheSwitch_saysTheLogWillHoldCredentials() {
        assertThat(WireLoggingWarning.message(ON, true))
                .startsWith("Unsafe wire logging is on")
                .contains("session tokens")
                .contains("io.netty.handler.logging.LoggingHandler");
    }
}
