package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;

class EmulatorConfigTest {

    @Test
    void defaultsAreTheDocumentedSetup() {
        EmulatorConfig config = EmulatorConfig.defaults();
        assertThat(config.port()).isEqualTo(8787);
        assertThat(config.maxRequestBytes()).isEqualTo(25_000_000L);
        assertThat(config.identities()).extracting(Identity::name).containsExactly("deployment", "restricted");
        assertThat(config.identities().get(0).allowedModels()).containsExactly("*");
        assertThat(config.identities().get(1).allowedModels()).isEmpty();
        assertThat(config.roles()).extracting(RoleDefinition::arn).containsExactly(
                "arn:aws:iam::111122223333:role/outcrop-trust-demo",
                "arn:aws:iam::123456789012:role/BedrockAccess",
                "arn:aws:iam::123456789012:role/BedrockAccessWithExternalId");
        assertThat(config.roles().get(1).trustedPrincipals()).containsExactly(
                "arn:aws:iam::111122223333:user/outcrop-deployment", "arn:aws:iam::111122223333:role/outcrop-trust-demo");
        assertThat(config.roles().get(1).externalId()).isNull();
        assertThat(config.roles().get(2).externalId()).isEqualTo("<external_id>");
    }

    @Test
    void secretsNeverAppearInToString() {
        String text = EmulatorConfig.defaults().toString();
        assertThat(text).contains("AKIAIOSFODNN7EXAMPLE")
                .doesNotContain(EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)
                .doesNotContain(EmulatorConfig.RESTRICTED_SECRET_ACCESS_KEY);
    }

    @Test
    void jsonFileReplacesIdentitiesAndRoles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("emulator.json");
        Files.writeString(file, """
                {"port": 0, "seed": 7, "maxRequestBytes": 5000,
                 "identities": [{"name": "ci", "accessKeyId": "AKIAEXAMPLECI0000001", "secretAccessKey": "ci-secret",
                                 "principalArn": "arn:aws:iam::999988887777:user/ci", "allowedModels": ["amazon.nova-*"]}],
                 "roles": [{"arn": "arn:aws:iam::999988887777:role/Reader",
                            "trustedPrincipals": ["arn:aws:iam::999988887777:user/ci"], "externalId": "ext-1",
                            "maxSessionDurationSeconds": 7200}]}
                """);
        EmulatorConfig config = EmulatorConfig.fromJson(file);
        assertThat(config.port()).isZero();
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.maxRequestBytes()).isEqualTo(5000);
        assertThat(config.identities()).singleElement().satisfies(i -> {
            assertThat(i.accessKeyId()).isEqualTo("AKIAEXAMPLECI0000001");
            assertThat(i.allowedModels()).containsExactly("amazon.nova-*");
        });
        assertThat(config.roles()).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo("ext-1");
            assertThat(r.allowedModels()).containsExactly("*");
            assertThat(r.maxSessionDurationSeconds()).isEqualTo(7200);
        });

        try (BedrockEmulator emulator = BedrockEmulator.start(config);
             BedrockRuntimeClient client = Clients.bedrock(emulator.endpoint(),
                     Clients.keys("AKIAEXAMPLECI0000001", "ci-secret"))) {
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"ci\"}]}]}";
            assertThat(client.invokeModel(r -> r.modelId("amazon.nova-lite-v1:0").body(SdkBytes.fromUtf8String(body)))
                    .body().asUtf8String()).contains("Echo: ci");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.invokeModel(r -> r
                    .modelId("meta.llama3-8b-instruct-v1:0").body(SdkBytes.fromUtf8String("{\"prompt\":\"x\"}"))))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void includeDefaultsAppends(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("emulator.json");
        Files.writeString(file, """
                {"includeDefaults": true,
                 "identities": [{"name": "x", "accessKeyId": "AKIAEXAMPLEX0000001", "secretAccessKey": "s",
                                 "principalArn": "arn:aws:iam::999988887777:user/x"}]}
                """);
        assertThat(EmulatorConfig.fromJson(file).identities()).extracting(Identity::name)
                .containsExactly("deployment", "restricted", "x");
        assertThat(EmulatorConfig.fromJson(file).roles()).hasSize(3);
    }

    @Test
    void badConfigsAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, "{\"identities\":[{\"name\":\"x\"}]}");
        assertThatThrownBy(() -> EmulatorConfig.fromJson(missing)).hasMessageContaining("'accessKeyId'");
        Path badRole = dir.resolve("role.json");
        Files.writeString(badRole, "{\"roles\":[{\"arn\":\"not-an-arn\"}]}");
        assertThatThrownBy(() -> EmulatorConfig.fromJson(badRole)).hasMessageContaining("not a role ARN");
        assertThatThrownBy(() -> EmulatorConfig.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatorConfig.builder().addIdentity(new Identity("dup",
                EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, "s", "arn:aws:iam::1:user/d", List.of())).build())
                .hasMessageContaining("duplicate access key id");
    }

    @Test
    void toBuilderKeepsEverything() {
        EmulatorConfig config = EmulatorConfig.builder().port(1234).seed(9).eventLoops(1).callLogLimit(5).build();
        EmulatorConfig copy = config.toBuilder().build();
        assertThat(copy.port()).isEqualTo(1234);
        assertThat(copy.seed()).isEqualTo(9);
        assertThat(copy.eventLoops()).isEqualTo(1);
        assertThat(copy.callLogLimit()).isEqualTo(5);
        assertThat(copy.identities()).isEqualTo(config.identities());
    }

    @Test
    void mainParsesItsArguments(@TempDir Path dir) throws Exception {
        assertThat(Main.parse(new String[0], System.out).port()).isEqualTo(8787);
        assertThat(Main.parse(new String[] {"--port", "9999"}, System.out).port()).isEqualTo(9999);
        assertThat(Main.parse(new String[] {"--s3-dir", "/srv/buckets", "--port", "9998"}, System.out).port()).isEqualTo(9998);
        assertThat(Main.s3Directory(new String[] {"--port", "1", "--s3-dir", "/srv/buckets"})).isEqualTo(Path.of("/srv/buckets"));
        assertThat(Main.s3Directory(new String[] {"--port", "1"})).isNull();
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"port\": 1111, \"seed\": 3}");
        EmulatorConfig fromFile = Main.parse(new String[] {"--config", file.toString(), "--port", "2222"}, System.out);
        assertThat(fromFile.port()).isEqualTo(2222);
        assertThat(fromFile.seed()).isEqualTo(3);
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(Main.parse(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8))).isNull();
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("--port").contains("--config");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port"}, System.out)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--bogus"}, System.out)).hasMessageContaining("unknown argument");
    }

    @Test
    void theShippedExampleConfigLoads() {
        EmulatorConfig config = EmulatorConfig.fromJson(Path.of("config", "example.json"));
        assertThat(config.identities()).extracting(Identity::name).containsExactly("deployment", "restricted", "nova-only");
        assertThat(config.roles()).extracting(RoleDefinition::arn).contains("arn:aws:iam::111122223333:role/EmbeddingsOnly");
        assertThat(config.eventLoops()).isEqualTo(1);
    }
}
