package dev.outcrop.examples.vertx;

import dev.outcrop.examples.OfflineStack;
import dev.outcrop.vertx.OutcropRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Outcrop's SQL endpoint inside your own Vert.x application: the application's router has its own route
 * ({@code GET /hello}) and {@link OutcropRoutes#mount} adds Outcrop's under {@code /sql}, on the application's
 * HTTP server. {@code POST /sql} takes SQL as the body, as Firebolt Core's {@code POST /} does, with
 * {@code ?output_format=JSON_Compact} for JSON; every request runs as the account and user given to
 * {@code mount} (put your own authentication in front of it).
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.outcrop.examples.vertx.MountedRoutes
 * -Dexec.args=8080}, then, in another shell, the {@code curl} commands it prints. Ctrl-C stops it.
 */
public final class MountedRoutes implements AutoCloseable {

    private final OfflineStack stack;
    private final Vertx vertx;
    private final HttpServer server;

    private MountedRoutes(OfflineStack stack, Vertx vertx, HttpServer server) {
        this.stack = stack;
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts the application on 127.0.0.1 and the given port (0 for any free one); blocks until it listens. */
    public static MountedRoutes start(int port) throws Exception {
        OfflineStack stack = OfflineStack.start();
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.get("/hello").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("Hello from the application\n"));
            OutcropRoutes.mount(router, "/sql", stack.outcrop(), OfflineStack.ACCOUNT, OfflineStack.ADMIN);
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").await(30, TimeUnit.SECONDS);
            return new MountedRoutes(stack, vertx, server);
        }
        catch (Exception e) {
            vertx.close().await(30, TimeUnit.SECONDS);
            stack.close();
            throw e;
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);   // closes the server too
        }
        catch (Exception e) {
            throw new IllegalStateException("Vert.x did not close: " + e.getMessage(), e);
        }
        finally {
            stack.close();
        }
    }

    public static void main(String[] args) throws Exception {
        MountedRoutes app = start(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }));
        String base = "http://127.0.0.1:" + app.port();
        System.out.println("listening on " + base + "; try:");
        System.out.println("  curl -s " + base + "/hello");
        System.out.println("  curl -s '" + base + "/sql?output_format=JSON_Compact' -H 'Content-Type: text/plain' --data-binary "
                + "\"SELECT AI_QUERY('amazon.nova-micro-v1:0', 'Hello', 'bedrock_role') AS answer\"");
        stopped.await();
    }
}
