package dev.outcrop.bedrock.client;

import static dev.outcrop.bedrock.client.Emulated.DEPLOYMENT;
import static dev.outcrop.bedrock.client.Emulated.REGION;
import static dev.outcrop.bedrock.client.Emulated.await;
import static dev.outcrop.bedrock.client.Emulated.config;
import static dev.outcrop.bedrock.client.Emulated.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.RecordedCall;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.port.AssumeRoleRequest;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.InvokeModelRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BedrockEmulatorExtension.class)
final class StsRoleAssumerTest {

    @Test
    void assumeRole_withoutExternalId_returnsTemporaryCredentialsThatSignBedrockCalls(BedrockEmulator emulator) {
        try (StsRoleAssumer sts = StsRoleAssumer.create(config(emulator).build());
             BedrockModelRuntime runtime = BedrockModelRuntime.create(config(emulator).build())) {
            AwsCredentials session = await(sts.assumeRole(request(EmulatorConfig.BEDROCK_ACCESS_ROLE, null, DEPLOYMENT)));

            assertThat(session.accessKeyId()).startsWith("ASIA");
            assertThat(session.sessionToken()).isNotBlank();
            assertThat(session.expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
            RecordedCall call = emulator.calls("AssumeRole").get(0);
            assertThat(call.parameters()).containsEntry("RoleArn", EmulatorConfig.BEDROCK_ACCESS_ROLE)
                    .containsEntry("RoleSessionName", "outcrop-test").containsEntry("DurationSeconds", "3600")
                    .doesNotContainKey("ExternalId");
            assertThat(call.principalArn()).isEqualTo(EmulatorConfig.DEPLOYMENT_PRINCIPAL);

            await(runtime.invokeModel(new InvokeModelRequest(Emulated.NOVA, Emulated.novaBody("hi"), REGION, session)));
            assertThat(emulator.calls("InvokeModel").get(0).principalArn()).contains("assumed-role/BedrockAccess/outcrop-test");
        }
    }

    @Test
    void assumeRole_withTheRightExternalId_succeedsAndSendsIt(BedrockEmulator emulator) {
        try (StsRoleAssumer sts = StsRoleAssumer.create(config(emulator).build())) {
            AwsCredentials session = await(sts.assumeRole(request(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE, EmulatorConfig.DEFAULT_EXTERNAL_ID, DEPLOYMENT)));

            assertThat(session.sessionToken()).isNotBlank();
            assertThat(emulator.calls("AssumeRole").get(0).parameters()).containsEntry("ExternalId", EmulatorConfig.DEFAULT_EXTERNAL_ID);
        }
    }

    @Test
    void assumeRole_wrongOrMissingExternalId_isAccessDenied_notRetryable(BedrockEmulator emulator) {
        try (StsRoleAssumer sts = StsRoleAssumer.create(config(emulator).build())) {
            for (String externalId : new String[] {"wrong-id", null}) {
                InvocationException e = failure(sts.assumeRole(request(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE, externalId, DEPLOYMENT)));

                assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.ROLE_ASSUMPTION_FAILED.toErrorCode());
                assertThat(e.remoteErrorType()).isEqualTo("AccessDenied");
                assertThat(e.httpStatus()).isEqualTo(403);
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("is not authorized to perform: sts:AssumeRole");
            }
        }
    }

    @Test
    void assumeRole_chainedFromATrustRoleSession_reachesTheCustomerRole(BedrockEmulator emulator) {
        try (StsRoleAssumer sts = StsRoleAssumer.create(config(emulator).build())) {
            AwsCredentials trust = await(sts.assumeRole(request(EmulatorConfig.TRUST_DEMO_ROLE, null, DEPLOYMENT)));
            AwsCredentials customer = await(sts.assumeRole(request(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE, EmulatorConfig.DEFAULT_EXTERNAL_ID, trust)));

            assertThat(customer.accessKeyId()).isNotEqualTo(trust.accessKeyId());
            RecordedCall second = emulator.calls("AssumeRole").get(1);
            assertThat(second.accessKeyId()).isEqualTo(trust.accessKeyId());
            assertThat(second.principalArn()).contains("assumed-role/outcrop-trust-demo/");
            assertThat(sts.toString()).doesNotContain(EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);
        }
    }

    @Test
    void assumeRole_untrustedCaller_isAccessDenied(BedrockEmulator emulator) {
        try (StsRoleAssumer sts = StsRoleAssumer.create(config(emulator).build())) {
            InvocationException e = failure(sts.assumeRole(request(EmulatorConfig.BEDROCK_ACCESS_ROLE, null, Emulated.RESTRICTED)));

            assertThat(e.remoteErrorType()).isEqualTo("AccessDenied");
            assertThat(e.httpStatus()).isEqualTo(403);
        }
    }

    @Test
    void assumeRole_usesTheStsEndpointOverride(BedrockEmulator emulator) {
        var config = dev.outcrop.bedrock.client.config.BedrockClientConfig.builder().transport(Emulated.TRANSPORT)
                .bedrockEndpoint(java.net.URI.create("http://127.0.0.1:9"))
                .stsEndpoint(emulator.endpoint())
                .build();
        try (StsRoleAssumer sts = StsRoleAssumer.create(config)) {
            await(sts.assumeRole(request(EmulatorConfig.BEDROCK_ACCESS_ROLE, null, DEPLOYMENT)));

            assertThat(emulator.callCount("AssumeRole")).isEqualTo(1);
        }
    }

    private static AssumeRoleRequest request(String roleArn, String externalId, AwsCredentials caller) {
        return new AssumeRoleRequest(roleArn, externalId, "outcrop-test", Duration.ofHours(1), REGION, caller);
    }
}
