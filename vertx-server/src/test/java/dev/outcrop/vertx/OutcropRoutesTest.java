package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Outcrop's routes in an application's own router, next to its own routes, over real HTTP. */
final class OutcropRoutesTest {

    private static Closer closer;
    private static Vertx vertx;
    private static HttpServer server;
    private static Outcrop outcrop;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        closer = new Closer();
        outcrop = Guice.createInjector(new ServerModule(ServerConfig.defaults(), closer), new DemoModule()).getInstance(Outcrop.class);
        vertx = Vertx.vertx();
        closer.register(() -> vertx.close().await(30, TimeUnit.SECONDS));
        Router router = Router.router(vertx);
        router.get("/hello").handler(ctx -> ctx.end("hello from the application\n"));
        OutcropRoutes.mount(router, "/sql", outcrop, ServerConfig.DEFAULT_ACCOUNT, ServerConfig.DEFAULT_PRINCIPAL);
        // Applications often read every body with a BodyHandler of their own before their routes.
        router.route("/withbody/*").handler(io.vertx.ext.web.handler.BodyHandler.create());
        OutcropRoutes.mount(router, "/withbody/sql", outcrop, ServerConfig.DEFAULT_ACCOUNT, ServerConfig.DEFAULT_PRINCIPAL);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        closer.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/plain")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sqlPostedUnderTheMountPoint_isAnsweredAsTheServerAnswersIt() throws Exception {
        for (String path : new String[] {"/sql/", "/sql", "/sql?output_format=TabSeparatedWithNamesAndTypes"}) {
            HttpResponse<String> response = send("POST", path, "SELECT 40 + 2 AS answer");

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo("answer\nbigint\n42\n");
            assertThat(response.headers().firstValue("X-Outcrop-Query-Id")).as(path).isPresent();
        }
        assertThat(send("POST", "/sql/?output_format=JSON_Compact", "SELECT 1 AS one").body()).contains("\"data\":[[1]]");
    }

    @Test
    void behindTheApplicationsOwnBodyHandler_theBodyIsStillTheStatement() throws Exception {
        HttpResponse<String> response = send("POST", "/withbody/sql", "SELECT 40 + 2 AS answer");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("answer\nbigint\n42\n");
    }

    @Test
    void errorsAndHealth_comeFromTheSameHandlers() throws Exception {
        HttpResponse<String> error = send("POST", "/sql/", "SELEC 1");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.body()).contains("\"errors\"");

        assertThat(send("GET", "/sql/health", null).body()).isEqualTo("ok\n");
    }

    @Test
    void theApplicationsOwnRoutes_stayItsOwn() throws Exception {
        assertThat(send("GET", "/hello", null).body()).isEqualTo("hello from the application\n");
        assertThat(send("POST", "/", "SELECT 1").statusCode()).as("nothing mounted outside /sql").isEqualTo(404);
        assertThat(send("POST", "/sqlx", "SELECT 1").statusCode()).as("the mount point is a path segment, not a prefix").isEqualTo(404);
    }

    @Test
    void aMountPointWithATrailingSlashOrWildcard_isRefused() {
        Router router = Router.router(vertx);
        for (String bad : new String[] {"/sql/", "/sql/*", "sql", "/"}) {
            assertThatThrownBy(() -> OutcropRoutes.mount(router, bad, outcrop, "my_account", "admin"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mountPoint");
        }
    }
}
