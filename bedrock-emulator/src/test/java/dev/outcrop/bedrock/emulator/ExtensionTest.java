package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** The extension's contract: one emulator per class, injected everywhere, quiet before each test. */
@ExtendWith(BedrockEmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {
    private static BedrockEmulator first;
    private final BedrockEmulator injected;

    ExtensionTest(BedrockEmulator injected) {
        this.injected = injected;
    }

    @BeforeEach
    void sameInstanceInLifecycleMethods(BedrockEmulator emulator) {
        assertThat(emulator).isSameAs(injected);
    }

    @Test
    @Order(1)
    void leavesCallsAndFaultsBehind(BedrockEmulator emulator) {
        first = emulator;
        assertThat(emulator.endpoint().toString()).startsWith("http://127.0.0.1:");
        assertThat(emulator.port()).isNotEqualTo(EmulatorConfig.DEFAULT_PORT);
        emulator.faults().setAll(FaultSpec.builder().throttleRate(1).build());
        try (BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(), Clients.deployment())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.invokeModel(r -> r
                    .modelId("amazon.nova-micro-v1:0").body(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException.class);
        }
        assertThat(emulator.calls()).hasSize(1);
    }

    @Test
    @Order(2)
    void nextTestStartsQuiet(BedrockEmulator emulator) {
        assertThat(emulator).isSameAs(first);
        assertThat(emulator.calls()).isEmpty();
        assertThat(emulator.faults().current()).isEmpty();
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesShareTheOuterEmulator(BedrockEmulator emulator) {
            assertThat(emulator).isSameAs(injected);
        }
    }
}
