package dev.outcrop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The examples run as a reader would run them, and print what they promise. */
final class ExamplesRunTest {

    private static String run(Runnable main) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.run();
        }
        finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickStart_printsTheModelsAnswer() {
        assertThat(run(() -> QuickStart.main(new String[0]))).startsWith("result = {\"output\":").contains("Echo: Hello");
    }

    @Test
    void guiceWiring_printsTheTrustPrincipal() {
        assertThat(run(() -> GuiceWiring.main(new String[0]))).contains("trust_policy_role = arn:aws:iam::111122223333:role/outcrop-trust-demo");
    }
}
