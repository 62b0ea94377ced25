package dev.outcrop.bedrock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.port.AwsCredentials;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

final class AwsDeploymentCredentialsTest {

    @Test
    void resolveCredentials_longTermKeys_haveNoTokenOrExpiration() {
        AwsDeploymentCredentials credentials = AwsDeploymentCredentials.from(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "secret")));

        AwsCredentials resolved = credentials.resolveCredentials().toCompletableFuture().join();

        assertThat(resolved).isEqualTo(new AwsCredentials("AKIAEXAMPLE", "secret", null, null));
    }

    @Test
    void resolveCredentials_sessionCredentials_keepTheirTokenAndExpiration() {
        Instant expiration = Instant.parse("2030-01-01T00:00:00Z");
        AwsSessionCredentials session = AwsSessionCredentials.builder().accessKeyId("ASIAEXAMPLE").secretAccessKey("secret")
                .sessionToken("token").expirationTime(expiration).build();

        AwsCredentials resolved = AwsDeploymentCredentials.from(StaticCredentialsProvider.create(session)).resolveCredentials().toCompletableFuture().join();

        assertThat(resolved).isEqualTo(new AwsCredentials("ASIAEXAMPLE", "secret", "token", expiration));
    }

    @Test
    void from_refusesNull() {
        assertThatThrownBy(() -> AwsDeploymentCredentials.from(null)).hasMessage("provider is null");
    }
}
