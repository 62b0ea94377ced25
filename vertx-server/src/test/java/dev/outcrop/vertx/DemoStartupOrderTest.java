package dev.outcrop.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.vertx.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's AWS side (emulator, Bedrock and STS clients) is made after the first answer, not before it; a statement
 * that needs a model before then starts it and waits for it, and is answered as it would have been.
 */
final class DemoStartupOrderTest {

    private static final String SEED = "CREATE LOCATION IF NOT EXISTS bedrock_role WITH SOURCE = AMAZON_BEDROCK "
            + "CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' );"
            + "SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', "
            + "$${\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}$$, "
            + "'bedrock_role') AS result";

    @Test
    void outcropIsMadeWithoutTheAwsSide_andAModelCallBeforeTheGateOpens_startsItAndIsAnswered() {
        Closer closer = new Closer();
        try {
            StartupGate neverOpened = new StartupGate();
            Injector injector = Guice.createInjector(new ServerModule(ServerConfig.defaults(), closer, neverOpened), new DemoModule());
            Outcrop outcrop = injector.getInstance(Outcrop.class);
            DemoAws aws = injector.getInstance(DemoAws.class);
            assertThat(aws.emulator()).as("nothing of the AWS side is made to build Outcrop").isNotDone();
            assertThat(outcrop.openSession(ServerConfig.DEFAULT_ACCOUNT, ServerConfig.DEFAULT_PRINCIPAL).execute("SELECT 1 AS one")
                    .toCompletableFuture().join().value(0, 0)).isEqualTo(1L);
            assertThat(aws.emulator()).as("nor to answer SQL that calls no model").isNotDone();

            QueryResult result = outcrop.openSession(ServerConfig.DEFAULT_ACCOUNT, ServerConfig.DEFAULT_PRINCIPAL).execute(SEED)
                    .toCompletableFuture().join();

            assertThat((String) result.value(0, result.columnIndex("result"))).contains("Echo: Hello");
            assertThat(neverOpened.isOpen()).isFalse();
        }
        finally {
            closer.close();
        }
    }

    @Test
    void theGateOpensWhenTheFirstResponseHasBeenSent() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            StartupGate gate = new StartupGate();
            CompletableFuture<Void> opened = new CompletableFuture<>();
            gate.whenOpen(() -> opened.complete(null));
            Router router = Router.router(vertx);
            gate.openOnFirstResponse(router);
            router.route("/").handler(ctx -> ctx.response().end("answered"));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
            assertThat(gate.isOpen()).isFalse();

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.actualPort() + "/")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("answered");
            opened.get(30, TimeUnit.SECONDS);
            assertThat(gate.isOpen()).isTrue();
        }
        finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerOpensItsGate_andTheDemoMakesItsAwsSideThen() {
        try (OutcropServer server = OutcropServer.start(ServerConfig.builder().port(0).build(), new DemoModule())) {
            server.startupGate().await();

            server.injector().getInstance(DemoAws.class).ready().join();

            assertThat(server.injector().getInstance(dev.outcrop.bedrock.emulator.BedrockEmulator.class).endpoint().getHost()).isEqualTo("127.0.0.1");
        }
    }
}
