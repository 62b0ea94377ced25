package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ServerConfig;
import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.outcrop.core.Outcrop;
import dev.outcrop.vertx.internal.HttpApi;
import dev.outcrop.vertx.internal.LoopbackOnly;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;

/**
 * The running HTTP service. {@link #start} wires the SDK with Guice from an environment module and
 * listens; {@link #close} stops listening and closes everything the modules opened.
 */
public final class OutcropServer implements AutoCloseable {

    private final Injector injector;
    private final Closer closer;
    private final Vertx vertx;
    private final HttpServer http;

    private OutcropServer(Injector injector, Closer closer, Vertx vertx, HttpServer http) {
        this.injector = injector;
        this.closer = closer;
        this.vertx = vertx;
        this.http = http;
    }

    /** Starts the service with the given environment module (such as {@link DemoModule}); blocks until it listens. */
    public static OutcropServer start(ServerConfig config, Module environment) {
        requireNonNull(config, "config is null");
        requireNonNull(environment, "environment is null");
        // Without authentication (the only mode so far) every caller is the configured principal: loopback only.
        LoopbackOnly.requireLoopbackAddress(config.host());
        Closer closer = new Closer();
        try {
            Injector injector = Guice.createInjector(new ServerModule(config, closer), environment);
            Outcrop outcrop = injector.getInstance(Outcrop.class);
            Vertx vertx = Vertx.vertx();
            closer.register(() -> vertx.close().await(30, TimeUnit.SECONDS));
            HttpServer http = vertx.createHttpServer()
                    .requestHandler(HttpApi.router(vertx, outcrop, config))
                    .listen(config.port(), config.host())
                    .await(30, TimeUnit.SECONDS);
            return new OutcropServer(injector, closer, vertx, http);
        }
        catch (Exception e) {
            closer.close();
            if (e instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new IllegalStateException("the server could not start: " + e.getMessage(), e);
        }
    }

    /** The port listened on (useful when the configuration asked for port 0). */
    public int port() {
        return http.actualPort();
    }

    /** The injector, for tests and embedding applications that need a bound component. */
    public Injector injector() {
        return injector;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        closer.close();
    }
}
