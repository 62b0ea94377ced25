package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.outcrop.core.Outcrop;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Statements start on Outcrop's executor: once an application has closed its Outcrop (and so that executor) while its
 * router still serves, a statement is answered 503 SERVER_SHUTTING_DOWN at once rather than left without an answer.
 */
final class ClosedOutcropTest {

    @Test
    void aStatementPostedAfterOutcropClosed_isAnswered503() throws Exception {
        Closer closer = new Closer();
        try {
            Outcrop outcrop = Guice.createInjector(new ServerModule(ServerConfig.defaults(), closer), new DemoModule()).getInstance(Outcrop.class);
            Vertx vertx = Vertx.vertx();
            closer.register(() -> vertx.close().await(30, TimeUnit.SECONDS));
            Router router = Router.router(vertx);
            OutcropRoutes.mount(router, "/sql", outcrop, ServerConfig.DEFAULT_ACCOUNT, ServerConfig.DEFAULT_PRINCIPAL);
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/sql"))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("SELECT 1 AS one")).build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            outcrop.close();
            HttpResponse<String> refused = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("SERVER_SHUTTING_DOWN").contains("shutting down");
        }
        finally {
            closer.close();
        }
    }
}
