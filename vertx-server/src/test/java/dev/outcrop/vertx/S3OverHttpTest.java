package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.vertx.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The service reads S3 through a {@code SOURCE = AMAZON_S3} location, as the SDK does: the demo's object store is the
 * emulator (outcrop.s3.endpoint falls back to the Bedrock override), signed by the location's role.
 */
final class S3OverHttpTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";

    @Test
    void readCsv_readsAnS3LocationThroughItsRole_andFeedsAnAiFunction() throws Exception {
        try (OutcropServer server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule())) {
            BedrockEmulator emulator = server.injector().getInstance(BedrockEmulator.class);
            emulator.s3().putObject("reviews", "2026/r.csv", "id,review\n1,great\n2,\"fine, mostly\"\n");
            HttpClient http = HttpClient.newHttpClient();
            URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/?output_format=JSON_Compact");

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(
                    "CREATE LOCATION s3_reviews WITH SOURCE = AMAZON_S3 CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' ) URL = 's3://reviews/2026/';"
                            + "CREATE LOCATION bedrock_role WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ROLE_ARN = '" + ROLE + "' );"
                            + "SELECT id, AI_QUERY('amazon.nova-micro-v1:0', review, 'bedrock_role') AS verdict"
                            + " FROM READ_CSV(LOCATION => 's3_reviews', PATTERN => '*.csv', HEADER => TRUE)")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(
                    "SELECT * FROM READ_CSV(LOCATION => 's3_reviews', PATTERN => 'absent.csv')")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("[\"1\",\"Echo: great\"]").contains("[\"2\",\"Echo: fine, mostly\"]");
            assertThat(emulator.calls("GetObject")).isNotEmpty().allSatisfy(call -> assertThat(call.principalArn())
                    .startsWith("arn:aws:sts::123456789012:assumed-role/BedrockAccess/"));
            assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
            assertThat(missing.body()).contains("SOURCE_NOT_FOUND");
        }
    }
}
