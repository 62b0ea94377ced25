package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.vertx.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** outcrop.server.user-files-directory lets READ_CSV read that directory over HTTP, and nothing outside it. */
final class UserFilesOverHttpTest {

    @TempDir
    Path userFiles;

    @Test
    void readCsv_readsTheConfiguredDirectory_andRefusesEscapes() throws Exception {
        Files.writeString(userFiles.resolve("reviews.csv"), "id,review\n1,great\n2,\"fine, mostly\"\n");
        ServerConfig config = ServerConfig.fromProperties(Map.of("outcrop.server.port", "0",
                "outcrop.server.user-files-directory", userFiles.toString()));
        try (OutcropServer server = OutcropServer.start(config, new DemoModule())) {
            HttpClient http = HttpClient.newHttpClient();
            URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/?output_format=JSON_Compact");

            HttpResponse<String> read = http.send(HttpRequest.newBuilder(endpoint)
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT * FROM READ_CSV('file://reviews.csv', HEADER => TRUE)")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> escape = http.send(HttpRequest.newBuilder(endpoint)
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT * FROM READ_CSV('file://../secret.csv')")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("[\"1\",\"great\"]").contains("[\"2\",\"fine, mostly\"]");
            assertThat(escape.statusCode()).isEqualTo(403);
            assertThat(escape.body()).contains("SOURCE_ACCESS_DENIED").contains("file://../secret.csv");
        }
    }
}
