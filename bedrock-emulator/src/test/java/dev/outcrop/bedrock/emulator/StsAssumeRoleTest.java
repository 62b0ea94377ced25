package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

@ExtendWith(BedrockEmulatorExtension.class)
class StsAssumeRoleTest {
    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";

    @Test
    void assumedRoleCredentialsSignBedrockCalls(BedrockEmulator emulator) {
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment());
             StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                     .stsClient(sts)
                     .refreshRequest(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE).roleSessionName("outcrop"))
                     .build();
             BedrockRuntimeClient bedrock = Clients.bedrock(emulator.endpoint(), provider)) {
            String text = bedrock.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String(BODY))).body().asUtf8String();
            assertThat(text).contains("Echo: hi");
            bedrock.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0").body(SdkBytes.fromUtf8String(BODY)));
        }
        assertThat(emulator.callCount("AssumeRole")).isEqualTo(1);
        RecordedCall assume = emulator.calls("AssumeRole").get(0);
        assertThat(assume.service()).isEqualTo("sts");
        assertThat(assume.principalArn()).isEqualTo(EmulatorConfig.DEPLOYMENT_PRINCIPAL);
        assertThat(assume.parameters()).containsEntry("RoleArn", EmulatorConfig.BEDROCK_ACCESS_ROLE)
                .containsEntry("RoleSessionName", "outcrop");
        assertThat(emulator.calls("InvokeModel")).hasSize(2).allSatisfy(c -> {
            assertThat(c.accessKeyId()).startsWith("ASIA");
            assertThat(c.principalArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/BedrockAccess/outcrop");
            assertThat(c.status()).isEqualTo(200);
        });
    }

    @Test
    void assumeRoleAnswersWithCredentialsAndExpiration(BedrockEmulator emulator) {
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            Instant before = Instant.now();
            AssumeRoleResponse response = sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE)
                    .roleSessionName("s1").durationSeconds(900));
            Credentials c = response.credentials();
            assertThat(c.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
            assertThat(c.secretAccessKey()).hasSize(40);
            assertThat(c.sessionToken()).isNotBlank();
            assertThat(c.expiration()).isBetween(before.plusSeconds(899), before.plus(Duration.ofSeconds(902)));
            assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/BedrockAccess/s1");
            assertThat(response.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:s1");
        }
    }

    @Test
    void externalIdIsOptionalWhenTheRoleDoesNotRequireOne(BedrockEmulator emulator) {
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            assertThat(sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE).roleSessionName("x1")
                    .externalId("anything-at-all")).credentials()).isNotNull();
        }
    }

    @Test
    void requiredExternalIdMustMatch(BedrockEmulator emulator) {
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            assertThat(sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE)
                    .roleSessionName("ok").externalId("<external_id>")).credentials().accessKeyId()).startsWith("ASIA");
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE)
                    .roleSessionName("wrong").externalId("wrong-id")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    })
                    .hasMessageContaining("is not authorized to perform: sts:AssumeRole on resource: "
                            + EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE);
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE)
                    .roleSessionName("missing")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        assertThat(emulator.calls("AssumeRole")).extracting(RecordedCall::errorType)
                .containsExactly(null, "AccessDenied", "AccessDenied");
    }

    @Test
    void untrustedCallerIsDenied(BedrockEmulator emulator) {
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.restricted())) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE)
                    .roleSessionName("nope")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    })
                    .hasMessageContaining("User: " + EmulatorConfig.RESTRICTED_PRINCIPAL);
        }
    }

    @Test
    void roleChainingThroughTheTrustPrincipal(BedrockEmulator emulator) {
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            Credentials trust = sts.assumeRole(r -> r.roleArn(EmulatorConfig.TRUST_DEMO_ROLE)
                    .roleSessionName("trust")).credentials();
            try (StsClient chained = Clients.sts(emulator.endpoint(), StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(trust.accessKeyId(), trust.secretAccessKey(), trust.sessionToken())))) {
                GetCallerIdentityResponse me = chained.getCallerIdentity();
                assertThat(me.arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/outcrop-trust-demo/trust");
                assertThat(me.account()).isEqualTo("111122223333");
                Credentials access = chained.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE)
                        .roleSessionName("chained").externalId("<external_id>")).credentials();
                assertThat(access.accessKeyId()).startsWith("ASIA");
                assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE)
                        .roleSessionName("too-long").durationSeconds(7200)))
                        .isInstanceOfSatisfying(StsException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            }
        }
    }

    @Test
    void getCallerIdentityOfAUser(BedrockEmulator emulator) {
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo(EmulatorConfig.DEPLOYMENT_PRINCIPAL);
            assertThat(me.account()).isEqualTo("111122223333");
            assertThat(me.userId()).matches("AIDA[A-Z2-7]{17}");
        }
        assertThat(emulator.calls()).singleElement().extracting(RecordedCall::operation).isEqualTo("GetCallerIdentity");
    }

    @Test
    void stsSignatureErrorsUseQueryErrorCodes(BedrockEmulator emulator) {
        try (StsClient unknown = Clients.sts(emulator.endpoint(), Clients.keys("AKIAUNKNOWNEXAMPLE00", "x"));
             StsClient wrong = Clients.sts(emulator.endpoint(),
                     Clients.keys(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, "wrong"))) {
            assertThatThrownBy(unknown::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
            assertThatThrownBy(wrong::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
    }

    @Test
    void sessionTokenMustAccompanyTemporaryKeys(BedrockEmulator emulator) {
        Credentials c;
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            c = sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE).roleSessionName("tok")).credentials();
        }
        try (BedrockRuntimeClient bedrock = Clients.bedrock(emulator.endpoint(),
                Clients.keys(c.accessKeyId(), c.secretAccessKey()))) {
            assertThatThrownBy(() -> bedrock.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                    .body(SdkBytes.fromUtf8String(BODY))))
                    .isInstanceOfSatisfying(BedrockRuntimeException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void expiredSessionCredentialsAreRefused() {
        MutableClock clock = new MutableClock();
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.builder().port(0).clock(clock).build());
             StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            Credentials c = sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE).roleSessionName("short")
                    .durationSeconds(900)).credentials();
            clock.advance(Duration.ofSeconds(901));
            try (BedrockRuntimeClient bedrock = Clients.bedrock(emulator.endpoint(), StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))) {
                assertThatThrownBy(() -> bedrock.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                        .body(SdkBytes.fromUtf8String(BODY))))
                        .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
                        });
            }
        }
    }

    @Test
    void durationAndSessionNameAreValidated(BedrockEmulator emulator) {
        int sessionsBefore = emulator.sessionsIssued();
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE)
                    .roleSessionName("long").durationSeconds(7200)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    })
                    .hasMessageContaining("MaxSessionDuration");
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE)
                    .roleSessionName("has space")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"))
                    .hasMessageContaining("roleSessionName");
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE)
                    .roleSessionName("short-duration").durationSeconds(60)))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"))
                    .hasMessageContaining("durationSeconds");
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/DoesNotExist")
                    .roleSessionName("ghost")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        assertThat(emulator.sessionsIssued()).isEqualTo(sessionsBefore);
    }

    @Test
    void trustDemoRoleMayNotInvokeModelsItself(BedrockEmulator emulator) {
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            Credentials c = sts.assumeRole(r -> r.roleArn(EmulatorConfig.TRUST_DEMO_ROLE).roleSessionName("tt"))
                    .credentials();
            try (BedrockRuntimeClient bedrock = Clients.bedrock(emulator.endpoint(), StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))) {
                assertThatThrownBy(() -> bedrock.invokeModel(r -> r.modelId("amazon.nova-micro-v1:0")
                        .body(SdkBytes.fromUtf8String(BODY))))
                        .isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException.class)
                        .hasMessageContaining("assumed-role/outcrop-trust-demo/tt");
            }
        }
    }
}
