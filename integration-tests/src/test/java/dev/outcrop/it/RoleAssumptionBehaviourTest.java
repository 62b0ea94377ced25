package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.RecordedCall;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The credential chain for role locations: deployment → trust principal → customer's role, cached. */
@ExtendWith(BedrockEmulatorExtension.class)
final class RoleAssumptionBehaviourTest {

    private static final String CALL = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", 'bedrock_role_external_id')";

    private static List<RecordedCall> customerRole(BedrockEmulator emulator) {
        return emulator.calls("AssumeRole").stream()
                .filter(call -> EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE.equals(call.parameters().get("RoleArn"))).toList();
    }

    @Test
    void thousandConcurrentFirstCalls_assumeTheRoleExactlyOnce_andAgainOnlyNearExpiry(BedrockEmulator emulator) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestStack stack = TestStack.start(emulator, 10_000_000, clock)) {
            stack.run("CREATE LOCATION bedrock_role_external_id WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ("
                    + " AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE + "' AWS_ROLE_EXTERNAL_ID = '<external_id>' )");

            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                calls.add(stack.sessionOf(TestStack.ADMIN).execute(CALL).toCompletableFuture());
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);

            List<RecordedCall> assumed = customerRole(emulator);
            assertThat(assumed).hasSize(1);
            RecordedCall assume = assumed.get(0);
            assertThat(assume.parameters()).containsEntry("ExternalId", "<external_id>");
            assertThat(assume.parameters().get("RoleSessionName")).contains("my_account").contains("bedrock_role_external_id");
            assertThat(assume.principalArn()).startsWith("arn:aws:sts::111122223333:assumed-role/outcrop-trust-demo/");
            assertThat(emulator.calls("AssumeRole").stream().filter(c -> EmulatorConfig.TRUST_DEMO_ROLE.equals(c.parameters().get("RoleArn"))))
                    .singleElement().satisfies(trust -> assertThat(trust.accessKeyId()).isEqualTo(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID));
            assertThat(emulator.calls("InvokeModel")).hasSize(1_000).allMatch(RecordedCall::signatureValid);

            Instant issued = Instant.now();
            clock.set(issued.plus(Duration.ofMinutes(30)));
            stack.run(CALL);
            assertThat(customerRole(emulator)).as("half-way through the session, the cached credentials serve").hasSize(1);

            // Within five minutes of expiry (sessions last an hour), a call starts one refresh.
            clock.set(issued.plus(Duration.ofMinutes(56)));
            stack.run(CALL);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (customerRole(emulator).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // The emulator's clock did not move: back on it, the refreshed credentials are fresh and serve.
            clock.set(Instant.now().plus(Duration.ofMinutes(1)));
            stack.run(CALL);
            stack.run(CALL);
            assertThat(customerRole(emulator)).as("within five minutes of expiry, one refresh").hasSize(2);
        }
    }

    @Test
    void stsRefusal_namesTheLocationAndNeverTheCredentialsNorTheRoleArn(BedrockEmulator emulator) {
        try (TestStack stack = TestStack.start(emulator)) {
            stack.run("CREATE LOCATION bedrock_role_external_id WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ("
                    + " AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE + "' )");

            RuntimeException e = stack.failure(CALL);

            // The role ARN is masked in the location's ddl, so errors, seen by every USAGE holder, do not name it either.
            assertThat(e.getMessage()).startsWith("STS AccessDenied (403) assuming the role of location 'bedrock_role_external_id'")
                    .doesNotContain(EmulatorConfig.BEDROCK_ACCESS_EXTERNAL_ID_ROLE)
                    .contains("trust_policy_role")
                    .doesNotContain(EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)
                    .doesNotContain("ASIA");
            assertThat(stack.run(CALL.replace(")", ", TRUE)")).value(0, 0)).as("an STS refusal is an invocation error").isNull();
        }
    }
}
