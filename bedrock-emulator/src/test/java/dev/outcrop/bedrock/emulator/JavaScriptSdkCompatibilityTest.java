package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs src/test/js/compat.mjs — InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream, AccessDenied,
 * GetCallerIdentity and AssumeRole through the AWS SDK for JavaScript v3 — against an emulator. Skipped when the
 * npm packages are not installed, except in CI (CI=true), where their absence is a failure.
 */
@ExtendWith(BedrockEmulatorExtension.class)
class JavaScriptSdkCompatibilityTest {
    private static final Path SCRIPT_DIR = Path.of("src", "test", "js");
    private static final String HOW_TO_ENABLE =
            "the JavaScript SDK is not installed; enable this test with: npm ci --prefix bedrock-emulator/src/test/js";

    @Test
    void javascriptSdkTalksToTheEmulator(BedrockEmulator emulator) throws Exception {
        boolean installed = Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@aws-sdk/client-bedrock-runtime"))
                && Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@aws-sdk/client-sts"))
                && Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@aws-sdk/client-s3"));
        if (!installed) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + HOW_TO_ENABLE);
            }
            Assumptions.abort(HOW_TO_ENABLE);
        }
        emulator.s3().putObject("reviews", "2026/01/a.csv", "id,review\n1,great\n").putObject("reviews", "2026/02/b.csv", "id,review\n2,awful\n");
        ProcessBuilder builder = new ProcessBuilder("node", "compat.mjs")
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true);
        // The endpoint goes in through the environment, as the script documents.
        builder.environment().put("BEDROCK_EMULATOR_ENDPOINT", emulator.endpoint().toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("node is not runnable (" + e.getMessage() + ") but the npm packages are installed", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(finished).as("node finished").isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).contains("all checks passed").doesNotContain("FAIL");

        assertThat(emulator.calls("InvokeModel")).isNotEmpty().anySatisfy(c -> {
            assertThat(c.signatureValid()).isTrue();
            assertThat(c.accessKeyId()).startsWith("ASIA");
            assertThat(c.status()).isEqualTo(200);
        });
        assertThat(emulator.calls("InvokeModelWithResponseStream")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(200));
        assertThat(emulator.calls("Converse")).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(200));
        assertThat(emulator.calls("ConverseStream")).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(200));
        assertThat(emulator.calls("AssumeRole")).extracting(RecordedCall::errorType).containsExactly(null, "AccessDenied");
        assertThat(emulator.calls()).filteredOn(c -> !c.signatureValid()).isEmpty();
        assertThat(emulator.calls("GetObject")).extracting(RecordedCall::errorType).containsExactly(null, null, "NoSuchKey");
        assertThat(emulator.calls("ListObjectsV2")).hasSize(2).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
    }
}
