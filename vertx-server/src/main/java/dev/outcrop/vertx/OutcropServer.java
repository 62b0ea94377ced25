package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ServerConfig;
import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.vertx.auth.AccessTokens;
import dev.outcrop.vertx.auth.ServiceAccountAuth;
import dev.outcrop.vertx.config.AuthMode;
import dev.outcrop.vertx.internal.Drain;
import dev.outcrop.vertx.internal.HttpApi;
import dev.outcrop.vertx.internal.ServerMetrics;
import dev.outcrop.vertx.tls.TlsSetup;
import java.time.Clock;
import dev.outcrop.vertx.internal.LoopbackOnly;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.CompletableFuture;
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
    private final ServerConfig config;
    private final Drain drain;
    private final ServerMetrics metrics;
    private final StartupGate gate;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private OutcropServer(Injector injector, Closer closer, Vertx vertx, HttpServer http, ServerConfig config, Drain drain, ServerMetrics metrics,
                          StartupGate gate) {
        this.injector = injector;
        this.closer = closer;
        this.vertx = vertx;
        this.http = http;
        this.config = config;
        this.drain = drain;
        this.metrics = metrics;
        this.gate = gate;
    }

    /** Starts the service with the given environment module (such as {@link DemoModule}); blocks until it listens. */
    public static OutcropServer start(ServerConfig config, Module environment) {
        requireNonNull(config, "config is null");
        requireNonNull(environment, "environment is null");
        // Without authentication every caller is the configured principal: loopback only. With service-account tokens, any address.
        if (config.authMode() == AuthMode.NONE) {
            LoopbackOnly.requireLoopbackAddress(config.host());
        }
        Closer closer = new Closer();
        try {
            // Vert.x (its event loops, Netty's buffers and resolver) needs nothing of what the injector makes, so it
            // starts on a thread of its own while the main thread makes Outcrop.
            CompletableFuture<Vertx> vertxStarting = CompletableFuture.supplyAsync(Vertx::vertx, task -> {
                Thread thread = new Thread(task, "outcrop-vertx-start");
                thread.setDaemon(true);
                thread.start();
            });
            closer.register(() -> {
                Vertx started = vertxStarting.exceptionally(failure -> null).join();
                if (started != null) {
                    started.close().await(30, TimeUnit.SECONDS);
                }
            });
            StartupGate gate = new StartupGate();
            if (environment instanceof EarlyStart early) {
                early.startEarly(closer);
            }
            Injector injector = Guice.createInjector(new ServerModule(config, closer, gate), environment);
            Outcrop outcrop = injector.getInstance(Outcrop.class);
            Vertx vertx = vertxStarting.join();
            Drain drain = new Drain();
            ServerMetrics metrics = injector.getInstance(ServerMetrics.class).watch(outcrop);
            io.vertx.ext.web.Router router = router(vertx, outcrop, config, injector, drain, metrics);
            gate.openOnFirstResponse(router);
            HttpServer http = vertx.createHttpServer(TlsSetup.serverOptions(config.tls()))
                    .requestHandler(router)
                    .listen(config.port(), config.host())
                    .await(30, TimeUnit.SECONDS);
            vertx.setTimer(StartupGate.OPEN_AFTER.toMillis(), ignored -> gate.open());
            return new OutcropServer(injector, closer, vertx, http, config, drain, metrics, gate);
        }
        catch (Exception e) {
            closer.close();
            if (e instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new IllegalStateException("the server could not start: " + e.getMessage(), e);
        }
    }

    private static io.vertx.ext.web.Router router(Vertx vertx, Outcrop outcrop, ServerConfig config, Injector injector, Drain drain,
                                                  ServerMetrics metrics) {
        if (config.authMode() == AuthMode.NONE) {
            return HttpApi.router(vertx, outcrop, config, null, drain, metrics);
        }
        AccessTokens tokens = new AccessTokens(injector.getInstance(SealingKeys.class), Clock.systemUTC(), config.tokenLifetime());
        return HttpApi.router(vertx, outcrop, config, new ServiceAccountAuth(outcrop, tokens, config.keyRecheck(), HttpApi::writeError), drain,
                metrics);
    }

    /**
     * Listens on a further address with its own settings (auth mode, TLS, port), serving the same Outcrop:
     * the demo's HTTPS port beside its plain loopback one. Blocks until it listens; closed with the server.
     *
     * @return the port listened on
     */
    public int listen(ServerConfig config) {
        requireNonNull(config, "config is null");
        Outcrop outcrop = injector.getInstance(Outcrop.class);
        HttpServer extra;
        try {
            extra = vertx.createHttpServer(TlsSetup.serverOptions(config.tls()))
                    .requestHandler(router(vertx, outcrop, config, injector, drain, metrics))
                    .listen(config.port(), config.host())
                    .await(30, TimeUnit.SECONDS);
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IllegalStateException("could not listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        closer.register(() -> extra.close().await(30, TimeUnit.SECONDS));
        return extra.actualPort();
    }

    /** Runs {@code action} when the server closes, before what was registered earlier. */
    public void onClose(AutoCloseable action) {
        closer.register(requireNonNull(action, "action is null"));
    }

    /**
     * Opens once the server has answered its first request, or a second after it began listening: when start-up work that
     * answering SQL does not need (the demo's emulator, AWS clients and HTTPS port) begins. See {@link StartupGate}.
     */
    public StartupGate startupGate() {
        return gate;
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

    /**
     * Shuts down gracefully: from now on new statements are refused with 503 {@code SERVER_SHUTTING_DOWN}, statements
     * running ({@code async=true} ones included) get {@link ServerConfig#shutdownGrace()} to finish, what still runs then
     * is stopped with {@code SERVER_SHUTTING_DOWN} (see {@link Drain}), and everything the server opened is closed.
     * Blocking; a second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            drain.drain(config.shutdownGrace(), injector.getInstance(Outcrop.class));
        }
        finally {
            closer.close();
        }
    }
}
