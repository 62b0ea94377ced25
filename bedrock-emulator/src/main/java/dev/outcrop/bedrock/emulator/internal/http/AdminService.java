package dev.outcrop.bedrock.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.fault.FaultRule;
import dev.outcrop.bedrock.emulator.internal.fault.FaultTable;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The unsigned control API under {@code /_emulator/}, for tests and demos in other languages: read the call log and
 * counters, and change faults at run time. Its own requests are not logged as calls.
 */
public final class AdminService implements Handler<HttpServerRequest> {
    private static final long MAX_ADMIN_BODY = 64 * 1024;

    private final CallLog log;
    private final FaultTable faults;
    private final ConnectionStats connections;

    public AdminService(CallLog log, FaultTable faults, ConnectionStats connections) {
        this.log = log;
        this.faults = faults;
        this.connections = connections;
    }

    @Override
    public void handle(HttpServerRequest request) {
        // Admin bodies are tiny fault specs: anything bigger is refused without being buffered.
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_ADMIN_BODY) {
                tooLarge[0] = true;
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(t -> { /* client went away */ });
        request.endHandler(v -> {
            if (tooLarge[0]) {
                reply(request, 413, error("admin request body larger than " + MAX_ADMIN_BODY + " bytes"));
                return;
            }
            try {
                route(request, body);
            } catch (IllegalArgumentException | IOException e) {
                reply(request, 400, error(e.getMessage()));
            }
        });
    }

    private void route(HttpServerRequest request, Buffer body) throws IOException {
        String resource = request.path().substring(Router.ADMIN_PREFIX.length());
        HttpMethod method = request.method();
        switch (resource) {
            case "health" -> reply(request, 200, Json.object().put("status", "ok"));
            case "calls" -> {
                if (method == HttpMethod.DELETE) {
                    log.clear();
                    reply(request, 204, null);
                } else {
                    reply(request, 200, calls());
                }
            }
            case "stats" -> reply(request, 200, stats());
            case "faults" -> {
                if (method == HttpMethod.POST || method == HttpMethod.PUT) {
                    JsonNode spec = Json.MAPPER.readTree(body.getBytes());
                    if (spec == null || !spec.isObject()) {
                        throw new IllegalArgumentException("expected a JSON object");
                    }
                    faults.set(spec.path("model").asText("*"), FaultJson.read(spec));
                    reply(request, 200, faultsJson());
                } else if (method == HttpMethod.DELETE) {
                    String model = request.getParam("model");
                    if (model == null) {
                        faults.reset();
                    } else {
                        faults.remove(model);
                    }
                    reply(request, 200, faultsJson());
                } else {
                    reply(request, 200, faultsJson());
                }
            }
            default -> reply(request, 404, error("unknown admin resource: " + resource));
        }
    }

    private ArrayNode calls() {
        ArrayNode out = Json.array();
        for (CallRecord call : log.snapshot()) {
            ObjectNode n = out.addObject();
            n.put("service", call.service());
            n.put("operation", call.operation());
            n.put("accessKeyId", call.accessKeyId());
            n.put("principalArn", call.principalArn());
            n.put("modelId", call.modelId());
            n.put("status", call.status());
            n.put("errorType", call.errorType());
            n.put("signatureValid", call.signatureValid());
            n.put("requestBytes", call.requestBytes());
            n.put("responseBytes", call.responseBytes());
            n.put("receivedAt", call.receivedAt().toString());
            ObjectNode params = n.putObject("parameters");
            call.parameters().forEach(params::put);
            n.put("streamCancelled", call.streamCancelled());
        }
        return out;
    }

    private ObjectNode stats() {
        ObjectNode n = Json.object();
        n.put("connectionsOpened", connections.opened());
        n.put("connectionsClosed", connections.closed());
        n.put("openConnections", connections.open());
        n.put("cancelledStreams", log.cancelledStreams());
        n.put("abandonedRequests", log.abandonedRequests());
        n.put("requestsInProgress", log.inProgress());
        ObjectNode counts = n.putObject("operations");
        for (String op : new String[] {"InvokeModel", "InvokeModelWithResponseStream", "Converse", "ConverseStream",
                "AssumeRole", "GetCallerIdentity"}) {
            counts.put(op, log.count(op));
        }
        return n;
    }

    private ObjectNode faultsJson() {
        ObjectNode n = Json.object();
        for (Map.Entry<String, FaultRule> e : faults.current().entrySet()) {
            n.set(e.getKey(), FaultJson.write(e.getValue()));
        }
        return n;
    }

    private static ObjectNode error(String message) {
        return Json.object().put("message", message);
    }

    private static void reply(HttpServerRequest request, int status, JsonNode body) {
        request.response().setStatusCode(status);
        if (body == null) {
            request.response().end();
        } else {
            request.response().putHeader("Content-Type", "application/json");
            request.response().end(Buffer.buffer(Json.bytes(body)));
        }
    }

    /** A fault rule as the admin API's JSON: durations in milliseconds; absent fields mean no fault. */
    static final class FaultJson {
        private FaultJson() {
        }

        static FaultRule read(JsonNode n) {
            return new FaultRule(
                    Duration.ofMillis(n.path("latencyMs").asLong(0)),
                    Duration.ofMillis(n.path("latencyJitterMs").asLong(0)),
                    n.path("throttleRate").asDouble(0),
                    n.path("maxRequestsPerSecond").asInt(0),
                    n.path("serverErrorRate").asDouble(0),
                    n.hasNonNull("serverErrorType") ? n.get("serverErrorType").asText()
                            : FaultRule.DEFAULT_SERVER_ERROR_TYPE,
                    n.path("connectionResetRate").asDouble(0),
                    Duration.ofMillis(n.path("firstByteDelayMs").asLong(0)),
                    Duration.ofMillis(n.path("chunkDelayMs").asLong(0)),
                    n.path("cutStreamAfterChunks").asInt(-1),
                    n.hasNonNull("streamExceptionType") ? n.get("streamExceptionType").asText() : null,
                    n.hasNonNull("retryAfterSeconds") ? Duration.ofSeconds(n.get("retryAfterSeconds").asLong()) : null);
        }

        static ObjectNode write(FaultRule s) {
            ObjectNode n = Json.object();
            n.put("latencyMs", s.latency().toMillis());
            n.put("latencyJitterMs", s.latencyJitter().toMillis());
            n.put("throttleRate", s.throttleRate());
            n.put("maxRequestsPerSecond", s.maxRequestsPerSecond());
            n.put("serverErrorRate", s.serverErrorRate());
            n.put("serverErrorType", s.serverErrorType());
            n.put("connectionResetRate", s.connectionResetRate());
            n.put("firstByteDelayMs", s.firstByteDelay().toMillis());
            n.put("chunkDelayMs", s.chunkDelay().toMillis());
            n.put("cutStreamAfterChunks", s.cutStreamAfterChunks());
            n.put("streamExceptionType", s.streamExceptionType());
            if (s.retryAfter() == null) {
                n.putNull("retryAfterSeconds");
            } else {
                n.put("retryAfterSeconds", s.retryAfter().toSeconds());
            }
            return n;
        }
    }
}
