package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** h2c by upgrade: the JDK client asks for HTTP/2 over http:// with "Upgrade: h2c". */
@ExtendWith(BedrockEmulatorExtension.class)
class Http2UpgradeTest {

    @Test
    void upgradesToHttp2(BedrockEmulator emulator) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/health")).build();
        HttpResponse<String> first = client.send(health, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = client.send(health, HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.body()).contains("ok");
    }

    @Test
    void anUpgradedConnectionCountsOnce() throws Exception {
        try (BedrockEmulator own = BedrockEmulator.start(EmulatorConfig.builder().port(0).build())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create(own.endpoint() + "/_emulator/health")).build();
            client.send(health, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> again = client.send(health, HttpResponse.BodyHandlers.ofString());
            assertThat(again.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(own.connectionsOpened()).isEqualTo(1);
            assertThat(own.openConnections()).isEqualTo(1);
        }
    }
}
