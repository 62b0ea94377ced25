package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.vertx.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Firebolt's official Node.js SDK (npm firebolt-sdk, pinned by src/test/js/firebolt-sdk/package-lock.json), unchanged,
 * against the demo's HTTPS port: test CA through NODE_EXTRA_CA_CERTS, the demo service account's id and secret, exactly
 * the command the banner prints. The script checks every answer. Skipped when Node or the npm packages are missing,
 * except in CI (CI=true), where that is a failure.
 */
final class FireboltNodeSdkTest {

    private static final Path SCRIPT_DIR = Path.of("src", "test", "js", "firebolt-sdk");
    private static final String HOW_TO_ENABLE = "enable this test with: npm ci --prefix vertx-server/src/test/js/firebolt-sdk (needs Node.js 18 or later)";

    @Test
    void theUnchangedSdkConnectsOverTlsWithAServiceAccountAndGetsEveryAnswer() throws Exception {
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules/firebolt-sdk")) || !nodeRuns()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but Node.js or the firebolt-sdk package is missing: " + HOW_TO_ENABLE);
            }
            Assumptions.abort("Node.js or the firebolt-sdk package is missing: " + HOW_TO_ENABLE);
        }
        try (OutcropServer server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule())) {
            DemoHttps.Access access = DemoHttps.start(server, ServerConfig.builder().port(0).build(), 0);
            ProcessBuilder builder = new ProcessBuilder("node", "check.mjs").directory(SCRIPT_DIR.toFile()).redirectErrorStream(true);
            builder.environment().putAll(Map.of(
                    "NODE_EXTRA_CA_CERTS", access.caCertificate().toString(),
                    "FIREBOLT_API_ENDPOINT", access.endpoint(),
                    "FIREBOLT_CLIENT_ID", access.clientId(),
                    "FIREBOLT_CLIENT_SECRET", access.clientSecret(),
                    "FIREBOLT_ACCOUNT", access.account()));
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String text = new String(output, StandardCharsets.UTF_8);
            assertThat(finished).as("node finished").isTrue();
            assertThat(process.exitValue()).as(text).isZero();
            assertThat(text).as(text)
                    .contains("ok - connect with a service account over TLS", "ok - CREATE LOCATION", "ok - the seed's AWS_BEDROCK_AI_QUERY",
                            "ok - information_schema.locations", "ok - a syntax error surfaces as an SDK error with the description",
                            "ok - SET is carried as a parameter, and USE ENGINE's Firebolt-Reset-Session drops it", "all checks passed")
                    .doesNotContain("not ok")
                    .doesNotContain(access.clientSecret());
            BedrockEmulator emulator = server.injector().getInstance(BedrockEmulator.class);
            assertThat(emulator.calls()).anyMatch(call -> call.operation().equals("InvokeModel") && call.signatureValid() && call.status() == 200);
        }
    }

    private static boolean nodeRuns() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
