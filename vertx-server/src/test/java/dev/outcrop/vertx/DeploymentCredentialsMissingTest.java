package dev.outcrop.vertx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.util.Modules;
import dev.outcrop.bedrock.client.AwsDeploymentCredentials;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.vertx.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * A deployment whose AWS default chain finds no credentials (an empty credentials file stands for a machine with none,
 * whatever the test machine has): a role location's AI call is the operator's configuration to fix, answered 503 in
 * Firebolt's shape naming the settings, not a 500; a location with access keys still works.
 */
final class DeploymentCredentialsMissingTest {

    private static final String HOST = "Host: 127.0.0.1\r\n";

    @Test
    void roleLocation_withoutDeploymentCredentials_isAConfigurationError_notABug(@TempDir Path directory) throws Exception {
        Path emptyCredentials = Files.writeString(directory.resolve("credentials"), "");
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).bindAddress("127.0.0.1").build())) {
            Map<String, String> properties = Map.of(
                    "outcrop.sealing-keys", "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                    "outcrop.account.trust-policy-role", EmulatorConfig.TRUST_DEMO_ROLE,
                    "outcrop.account.default-token-budget", "100000",
                    "outcrop.catalog.provider", "memory",
                    "outcrop.bedrock.endpoint", emulator.endpoint().toString());
            // The real adapter over the SDK's own provider, reading a credentials file that holds none.
            CredentialsProvider none = AwsDeploymentCredentials.from(ProfileCredentialsProvider.builder()
                    .profileFile(ProfileFile.builder().content(emptyCredentials).type(ProfileFile.Type.CREDENTIALS).build())
                    .profileName("default").build());
            AbstractModule noCredentials = new AbstractModule() {
                @Override
                protected void configure() {
                    bind(CredentialsProvider.class).toInstance(none);
                }
            };
            try (OutcropServer server = OutcropServer.start(ServerConfig.builder().port(0).build(),
                    Modules.override(new DeploymentModule(properties)).with(noCredentials))) {
                RawHttp.Response role = post(server, "CREATE LOCATION by_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = "
                        + "'arn:aws:iam::123456789012:role/BedrockAccess' ); SELECT AI_QUERY('amazon.nova-micro-v1:0', 'hi', 'by_role')");
                RawHttp.Response keys = post(server, "CREATE LOCATION by_keys WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '"
                        + EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID + "' AWS_SECRET_ACCESS_KEY = '" + EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY
                        + "' ); SELECT AI_QUERY('amazon.nova-micro-v1:0', 'hi', 'by_keys')");

                assertThat(role.status()).as(role.body()).isEqualTo(503);
                assertThat(role.header("Content-Type")).isEqualTo("application/json");
                assertThat(role.body()).contains("\"name\":\"DEPLOYMENT_CREDENTIALS_MISSING\"")
                        .contains("\"source\":\"Deployment Configuration Error\"")
                        .contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY").contains("AWS_PROFILE").contains("AWS_WEB_IDENTITY_TOKEN_FILE")
                        .doesNotContain("internal error").doesNotContain("\"resolution\"");
                assertThat(emulator.calls("AssumeRole")).isEmpty();
                assertThat(keys.status()).as(keys.body()).isEqualTo(200);
                assertThat(keys.body()).contains("Echo: hi");
                assertThat(RawHttp.send(server.port(), RawHttp.request("GET", "/health", HOST, null)).status()).isEqualTo(200);
            }
        }
    }

    private static RawHttp.Response post(OutcropServer server, String sql) throws Exception {
        return RawHttp.send(server.port(), RawHttp.request("POST", "/?output_format=JSON_Compact", HOST, sql.getBytes(UTF_8)));
    }
}
