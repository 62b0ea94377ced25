package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The AWS SDK for Java v2's S3Client, unchanged but for its endpoint, against the emulator's S3. */
@ExtendWith(BedrockEmulatorExtension.class)
final class S3CompatibilityTest {

    private static S3Client s3(URI endpoint, AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static void seed(BedrockEmulator emulator) {
        emulator.s3().putObject("reviews", "2026/01/a.csv", "id,review\n1,great\n")
                .putObject("reviews", "2026/01/b.csv", "id,review\n2,awful\n")
                .putObject("reviews", "2026/02/c.csv", "id,review\n3,fine\n")
                .putObject("reviews", "readme with space.txt", "hello");
    }

    @Test
    void getObject_wholeAndRanged_headObject_andErrors(BedrockEmulator emulator) {
        seed(emulator);
        try (S3Client s3 = s3(emulator.endpoint(), Clients.deployment())) {
            ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket("reviews").key("2026/01/a.csv"));
            ResponseBytes<GetObjectResponse> ranged = s3.getObjectAsBytes(b -> b.bucket("reviews").key("2026/01/a.csv").range("bytes=10-16"));
            ResponseBytes<GetObjectResponse> spaced = s3.getObjectAsBytes(b -> b.bucket("reviews").key("readme with space.txt"));
            HeadObjectResponse head = s3.headObject(b -> b.bucket("reviews").key("2026/01/a.csv"));

            assertThat(whole.asUtf8String()).isEqualTo("id,review\n1,great\n");
            assertThat(whole.response().eTag()).isEqualTo(head.eTag()).startsWith("\"");
            assertThat(ranged.asUtf8String()).isEqualTo("1,great");
            assertThat(ranged.response().contentRange()).isEqualTo("bytes 10-16/18");
            assertThat(spaced.asUtf8String()).isEqualTo("hello");
            assertThat(head.contentLength()).isEqualTo(18L);
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("reviews").key("nope.csv"))).isInstanceOf(NoSuchKeyException.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("no-such-bucket").key("a"))).isInstanceOf(NoSuchBucketException.class);
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("reviews").key("nope.csv"))).isInstanceOf(NoSuchKeyException.class);
        }
        assertThat(emulator.calls("GetObject")).extracting(RecordedCall::principalArn).contains("arn:aws:iam::111122223333:user/outcrop-deployment");
    }

    @Test
    void listObjectsV2_prefixDelimiterAndContinuation(BedrockEmulator emulator) {
        seed(emulator);
        try (S3Client s3 = s3(emulator.endpoint(), Clients.deployment())) {
            ListObjectsV2Response months = s3.listObjectsV2(b -> b.bucket("reviews").prefix("2026/").delimiter("/"));
            List<String> paged = s3.listObjectsV2Paginator(b -> b.bucket("reviews").maxKeys(2)).contents().stream().map(S3Object::key).toList();
            ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket("reviews").prefix("2026/01/").maxKeys(1));

            assertThat(months.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("2026/01/", "2026/02/");
            assertThat(months.contents()).isEmpty();
            assertThat(paged).containsExactly("2026/01/a.csv", "2026/01/b.csv", "2026/02/c.csv", "readme with space.txt");
            assertThat(first.isTruncated()).isTrue();
            assertThat(first.contents()).extracting(S3Object::key).containsExactly("2026/01/a.csv");
            assertThat(first.contents().get(0).size()).isEqualTo(18L);
        }
    }

    @Test
    void aRoleDeniedTheBucket_getsAccessDenied_andTheLogShowsItsSession(BedrockEmulator emulator) {
        seed(emulator);
        emulator.s3().deny(EmulatorConfig.BEDROCK_ACCESS_ROLE, "reviews").putObject("open-data", "x.csv", "a\n");
        Credentials session;
        try (StsClient sts = Clients.sts(emulator.endpoint(), Clients.deployment())) {
            session = sts.assumeRole(b -> b.roleArn(EmulatorConfig.BEDROCK_ACCESS_ROLE).roleSessionName("reader")).credentials();
        }
        AwsCredentialsProvider role = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
        try (S3Client s3 = s3(emulator.endpoint(), role)) {
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("reviews").key("2026/01/a.csv"))).isInstanceOf(S3Exception.class)
                    .satisfies(e -> {
                        assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(((S3Exception) e).statusCode()).isEqualTo(403);
                    });
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("no-such-bucket-either").key("a"))).isInstanceOf(NoSuchBucketException.class);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("open-data").key("x.csv")).asUtf8String()).isEqualTo("a\n");
        }
        assertThat(emulator.calls("GetObject")).extracting(RecordedCall::principalArn)
                .allMatch(arn -> arn.equals("arn:aws:sts::123456789012:assumed-role/BedrockAccess/reader"));
        assertThat(emulator.calls("GetObject")).extracting(RecordedCall::errorType).containsExactly("AccessDenied", "NoSuchBucket", null);
    }

    @Test
    void virtualHostAddressing_andObjectsLoadedFromADirectory(BedrockEmulator emulator, @TempDir Path directory) throws Exception {
        Files.createDirectories(directory.resolve("loaded/nested"));
        Files.writeString(directory.resolve("loaded/nested/file.jsonl"), "{\"a\":1}\n");
        emulator.s3().loadDirectory(directory);
        try (S3Client s3 = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://localhost:" + emulator.port()))
                .credentialsProvider(Clients.deployment())
                // bucket.localhost resolves nowhere by default; the emulator listens on 127.0.0.1.
                .httpClientBuilder(ApacheHttpClient.builder().dnsResolver(host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")}))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            String text = s3.getObjectAsBytes(b -> b.bucket("loaded").key("nested/file.jsonl")).asString(StandardCharsets.UTF_8);
            List<String> keys = s3.listObjectsV2(b -> b.bucket("loaded")).contents().stream().map(S3Object::key).toList();

            assertThat(text).isEqualTo("{\"a\":1}\n");
            assertThat(keys).containsExactly("nested/file.jsonl");
        }
    }
}
