package dev.outcrop.bedrock.emulator;

import dev.outcrop.bedrock.emulator.internal.bedrock.BedrockService;
import dev.outcrop.bedrock.emulator.internal.fault.SeededFaultPolicy;
import dev.outcrop.bedrock.emulator.internal.http.AdminService;
import dev.outcrop.bedrock.emulator.internal.http.CallLog;
import dev.outcrop.bedrock.emulator.internal.http.ConnectionStats;
import dev.outcrop.bedrock.emulator.internal.http.Router;
import dev.outcrop.bedrock.emulator.internal.iam.CredentialRegistry;
import dev.outcrop.bedrock.emulator.internal.model.ModelCatalog;
import dev.outcrop.bedrock.emulator.internal.s3.ObjectBuckets;
import dev.outcrop.bedrock.emulator.internal.s3.S3Service;
import dev.outcrop.bedrock.emulator.internal.sigv4.SignatureVerifier;
import dev.outcrop.bedrock.emulator.internal.sts.StsService;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockErrorType;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running Bedrock Runtime + STS emulator on 127.0.0.1. Point both the Bedrock Runtime and the STS client at
 * {@link #endpoint()} with {@code endpointOverride}; every request must be SigV4-signed with a configured key or
 * with temporary credentials this emulator's STS issued.
 *
 * <pre>{@code
 * try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).build())) {
 *     BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(emulator.endpoint())...;
 * }
 * }</pre>
 */
public final class BedrockEmulator implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final EmulatorConfig config;
    private final int port;
    private final CallLog log;
    private final EmulatorFaults faults;
    private final ConnectionStats connections;
    private final CredentialRegistry credentials;
    private final ModelCatalog catalog;

    private final EmulatorS3 s3;

    private BedrockEmulator(Vertx vertx, EmulatorConfig config, int port, CallLog log, EmulatorFaults faults,
                            ConnectionStats connections, CredentialRegistry credentials, ModelCatalog catalog, EmulatorS3 s3) {
        this.s3 = s3;
        this.vertx = vertx;
        this.config = config;
        this.port = port;
        this.log = log;
        this.faults = faults;
        this.connections = connections;
        this.credentials = credentials;
        this.catalog = catalog;
    }

    /** Starts an emulator and returns once it is listening. Port 0 picks a free port. */
    public static BedrockEmulator start(EmulatorConfig config) {
        // A free port chosen for port 0 can be taken by someone else before we bind it; try a few.
        int attempts = config.port() == 0 ? 5 : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(config);
            } catch (IllegalStateException e) {
                if (attempt >= attempts || !(e.getCause() instanceof java.net.BindException)) {
                    throw e;
                }
            }
        }
    }

    private static BedrockEmulator startOnce(EmulatorConfig config) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(config.eventLoops())
                .setWorkerPoolSize(2)
                // No .vertx cache directory in the caller's working directory: the emulator serves no files.
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        try {
            CallLog log = new CallLog(config.callLogLimit());
            EmulatorFaults faults = new EmulatorFaults();
            ConnectionStats connections = new ConnectionStats();
            CredentialRegistry credentials = new CredentialRegistry(IamSetup.longTermKeys(config.identities()));
            ModelCatalog catalog = new ModelCatalog();
            SignatureVerifier verifier = new SignatureVerifier(credentials::credential, config.clock());
            BedrockService bedrock = new BedrockService(verifier, credentials, catalog,
                    new SeededFaultPolicy(faults.table(), config.seed(), config.clock()), vertx);
            StsService sts = new StsService(verifier, credentials, IamSetup.roles(config.roles()), config.clock());
            ObjectBuckets buckets = new ObjectBuckets();
            S3Service s3 = new S3Service(verifier, credentials, buckets);
            Router router = new Router(log, config.clock(), config.maxRequestBytes(),
                    new Router.Service(sts::handle, (ex, size, limit) -> sts.rejectTooLarge(ex, size, limit)),
                    new Router.Service(bedrock::handle, (ex, size, limit) -> BedrockService.sendError(ex,
                            BedrockErrorType.REQUEST_TOO_LARGE, tooLargeMessage(size, limit))),
                    new Router.Service(ex -> BedrockService.sendError(ex.service("unknown"),
                            BedrockErrorType.UNKNOWN_OPERATION, null), (ex, size, limit) -> BedrockService.sendError(ex,
                            BedrockErrorType.REQUEST_TOO_LARGE, tooLargeMessage(size, limit))),
                    new Router.Service(s3::handle, (ex, size, limit) -> s3.handle(ex)), S3Service::isVirtualHost,
                    new AdminService(log, faults.table(), connections));

            // One server per event loop on one port, deployed together so Vert.x shares the listening socket and
            // spreads accepted connections over the loops. Vert.x does not share port 0, so a free port is chosen
            // first.
            int requestedPort = config.port() == 0 ? freePort(config.bindAddress()) : config.port();
            List<ServerVerticle> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
            await(vertx.deployVerticle(() -> {
                ServerVerticle server = new ServerVerticle(config.bindAddress(), requestedPort, router, connections);
                servers.add(server);
                return server;
            }, new DeploymentOptions().setInstances(config.eventLoops())));
            int port = servers.get(0).actualPort();
            for (ServerVerticle server : servers) {
                if (server.actualPort() != port) {
                    throw new IllegalStateException("event-loop servers did not share one port: " + port + " and "
                            + server.actualPort());
                }
            }
            return new BedrockEmulator(vertx, config, port, log, faults, connections, credentials, catalog, new EmulatorS3(buckets, config.clock()));
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private static int freePort(String bindAddress) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(bindAddress))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port on " + bindAddress, e);
        }
    }

    private static String tooLargeMessage(long size, long limit) {
        return "Request body of " + size + " bytes exceeds the maximum allowed size of " + limit + " bytes.";
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the emulator", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the emulator could not start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the emulator did not start within " + START_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for both Bedrock Runtime and STS clients. */
    public URI endpoint() {
        String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
        return URI.create("http://" + host + ":" + port);
    }

    public int port() {
        return port;
    }

    public EmulatorConfig config() {
        return config;
    }

    /** Calls answered so far, in arrival order (bounded by {@link EmulatorConfig#callLogLimit()}). */
    public List<RecordedCall> calls() {
        return RecordedCalls.of(log.snapshot());
    }

    /** Calls whose operation is the given one, e.g. {@code calls("AssumeRole")}. */
    public List<RecordedCall> calls(String operation) {
        return calls().stream().filter(c -> operation.equals(c.operation())).toList();
    }

    /** The emulator's S3: its buckets and objects, and the buckets a role is denied. */
    public EmulatorS3 s3() {
        return s3;
    }

    /** Forgets recorded calls and zeroes the per-operation counters. */
    public void clearCalls() {
        log.clear();
    }

    /** How many calls of an operation were answered since start or the last {@link #clearCalls()}. */
    public long callCount(String operation) {
        return log.count(operation);
    }

    /** Streams whose client closed the connection (or reset the HTTP/2 stream) before the stream ended. */
    public long cancelledStreams() {
        return log.cancelledStreams();
    }

    /**
     * Requests whose client went away (closed the connection, or reset the HTTP/2 stream) before any answer was sent:
     * cancelled calls, client-side timeouts. Connection-reset faults are the emulator's doing and do not count; streams
     * cut short after their head was sent count as {@link #cancelledStreams()} instead. Cleared with the call log.
     */
    public long abandonedRequests() {
        return log.abandonedRequests();
    }

    /**
     * Requests received whole and not yet answered (waiting out a latency fault, say), nor abandoned: a gauge of what
     * is in flight at the emulator right now, which {@link #clearCalls()} does not reset.
     */
    public long requestsInProgress() {
        return log.inProgress();
    }

    public EmulatorFaults faults() {
        return faults;
    }

    /** TCP connections accepted since start. */
    public long connectionsOpened() {
        return connections.opened();
    }

    /** TCP connections currently open. */
    public long openConnections() {
        return connections.open();
    }

    /** Temporary credentials STS has issued since start. */
    public int sessionsIssued() {
        return credentials.sessionCount();
    }

    /** Model ids the emulator serves (inference-profile and ARN forms of these resolve too). */
    public Set<String> modelIds() {
        return Set.copyOf(catalog.modelIds());
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort; a stuck event loop must not fail the caller's teardown.
        }
    }

    @Override
    public String toString() {
        return "BedrockEmulator[" + endpoint() + "]";
    }
}
