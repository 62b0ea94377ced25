package dev.outcrop.bedrock.emulator;

import dev.outcrop.bedrock.emulator.internal.http.ConnectionStats;
import dev.outcrop.bedrock.emulator.internal.http.Router;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server on one event loop; HTTP/1.1 with keep-alive, and h2c both by prior knowledge and by upgrade. */
final class ServerVerticle extends VerticleBase {
    private final String host;
    private final int port;
    private final Router router;
    private final ConnectionStats connections;
    private volatile int actualPort;

    ServerVerticle(String host, int port, Router router, ConnectionStats connections) {
        this.host = host;
        this.port = port;
        this.router = router;
        this.connections = connections;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setHttp2ClearTextEnabled(true)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setDecompressionSupported(false);
        HttpServer server = vertx.createHttpServer(options)
                .requestHandler(router)
                .connectionHandler(connections);
        return server.listen().onSuccess(s -> actualPort = s.actualPort());
    }

    int actualPort() {
        return actualPort;
    }
}
