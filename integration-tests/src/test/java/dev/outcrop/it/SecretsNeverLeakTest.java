package dev.outcrop.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.result.QueryResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs statements that handle secrets (successes and every kind of failure), then searches everything
 * that came out (logs at DEBUG, error messages, results, the catalog's records) for the secret values,
 * and finds none. The one exception is written into behaviours.md: an STS refusal names the role.
 */
@ExtendWith(BedrockEmulatorExtension.class)
final class SecretsNeverLeakTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue0123";
    private static final String EXTERNAL_ID = "ext-id-7f3a9c";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/BedrockAccessWithExternalId";

    @Test
    void noSecretAppearsInLogsErrorsResultsOrTheCatalog(BedrockEmulator emulator) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        List<String> seen = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        InMemoryCatalogStore catalog = new InMemoryCatalogStore();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (TestStack stack = TestStack.start(emulator, catalog, 1_000_000)) {
            stack.run("CREATE LOCATION keys WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '" + KEY_ID
                    + "' AWS_SECRET_ACCESS_KEY = '" + SECRET + "' )");
            stack.run("CREATE LOCATION temp WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '" + KEY_ID
                    + "' AWS_SECRET_ACCESS_KEY = '" + SECRET + "' AWS_SESSION_TOKEN = '" + SESSION_TOKEN + "' )");
            stack.run("CREATE LOCATION role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE_ARN
                    + "' AWS_ROLE_EXTERNAL_ID = '" + EXTERNAL_ID + "' )");
            String call = "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', " + TestStack.NOVA_HELLO + ", '%s')";

            seen.add(result(stack.run(call.formatted("keys"))));
            seen.add(result(stack.run(call.formatted("temp").replace("')", "', TRUE)"))));
            errors.add(stack.failure(call.formatted("role")).toString());
            emulator.faults().setAll(FaultSpec.builder().throttleRate(1.0).build());
            errors.add(stack.failure(call.formatted("keys")).toString());
            errors.add(stack.failure("CREATE LOCATION keys WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '" + KEY_ID
                    + "' AWS_SECRET_ACCESS_KEY = '" + SECRET + "' )").toString());
            errors.add(stack.failure("CREATE LOCATION broken WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = '" + KEY_ID
                    + "' AWS_SECRET_ACCES_KEY = '" + SECRET + "' )").toString());
            errors.add(stack.failure("CREATE LOCATION broken WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + SECRET + "' )").toString());
            errors.add(stack.failure("CREATE LOCATION broken WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_SECRET_ACCESS_KEY = '" + SECRET + "' )").toString());
            seen.add(result(stack.run("SELECT * FROM information_schema.locations")));
            for (LocationRecord record : catalog.listLocations(TestStack.ACCOUNT)) {
                seen.add(record.toString());
                seen.add(record.credentials().payload());
            }
        }
        finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        seen.add(captured.toString(StandardCharsets.UTF_8));

        String everything = String.join("\n", seen);
        String allErrors = String.join("\n", errors);
        assertThat(everything).as("something was produced to search").contains("Echo: Hello").contains("Assuming role");
        assertThat(allErrors).contains("ThrottlingException").contains("STS AccessDenied").contains("did you mean");
        for (String secret : List.of(KEY_ID, SECRET, SESSION_TOKEN, EXTERNAL_ID, ROLE_ARN)) {
            assertThat(everything).doesNotContain(secret);
        }
        for (String secret : List.of(KEY_ID, SECRET, SESSION_TOKEN, EXTERNAL_ID)) {
            assertThat(allErrors).doesNotContain(secret);
        }
    }

    private static String result(QueryResult result) {
        return result.columns() + " " + result.rows();
    }
}
