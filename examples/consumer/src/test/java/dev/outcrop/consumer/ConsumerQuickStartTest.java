package dev.outcrop.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import org.junit.jupiter.api.Test;

/**
 * The quick start runs on the class path a user gets from importing outcrop-bom alone: the AWS SDK's Netty
 * client and the emulator's Vert.x share one Netty. With mixed Netty versions the first call fails
 * (NoClassDefFoundError: io/netty/util/concurrent/ThreadAwareExecutor).
 */
final class ConsumerQuickStartTest {

    @Test
    void quickStart_answersThroughTheEmulator() {
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).build())) {
            String answer = ConsumerQuickStart.ask(emulator.endpoint(),
                    CredentialsProvider.fixed(AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)),
                    EmulatorConfig.TRUST_DEMO_ROLE, EmulatorConfig.BEDROCK_ACCESS_ROLE, "Hello from a consumer");

            // The emulator answers "Echo: " and the last user text.
            assertEquals("Echo: Hello from a consumer", answer);
            assertEquals(1, emulator.callCount("InvokeModel"));
        }
    }

    @Test
    void theDefaultRolesAreTheEmulatorsDefaultSetup() {
        assertEquals(EmulatorConfig.TRUST_DEMO_ROLE, ConsumerQuickStart.TRUST_ROLE);
        assertEquals(EmulatorConfig.BEDROCK_ACCESS_ROLE, ConsumerQuickStart.BEDROCK_ROLE);
    }
}
