package dev.outcrop.bedrock.emulator.internal.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.fault.FaultDecision;
import dev.outcrop.bedrock.emulator.internal.http.Exchange;
import dev.outcrop.bedrock.emulator.internal.iam.CredentialRegistry;
import dev.outcrop.bedrock.emulator.internal.model.Completion;
import dev.outcrop.bedrock.emulator.internal.model.ConverseFormat;
import dev.outcrop.bedrock.emulator.internal.model.Invocation;
import dev.outcrop.bedrock.emulator.internal.model.ModelCatalog;
import dev.outcrop.bedrock.emulator.internal.model.Responder;
import dev.outcrop.bedrock.emulator.internal.sigv4.AuthorizationHeader;
import dev.outcrop.bedrock.emulator.internal.sigv4.CanonicalRequest;
import dev.outcrop.bedrock.emulator.internal.sigv4.SignatureException;
import dev.outcrop.bedrock.emulator.internal.sigv4.SignatureVerifier;
import dev.outcrop.bedrock.emulator.internal.sigv4.Verified;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockError;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockErrorType;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Bedrock Runtime's four model operations over restJson1: {@code POST /model/{modelId}/invoke},
 * {@code /invoke-with-response-stream}, {@code /converse} and {@code /converse-stream}. Checks run in the order the
 * service applies them — signature, then model id, then permission, then the body — and faults are applied after
 * authentication, so a throttled call is still an authenticated one in the call log.
 */
public final class BedrockService {
    public static final String PATH_PREFIX = "/model/";
    private static final String PERFORMANCE_LATENCY = "X-Amzn-Bedrock-PerformanceConfig-Latency";

    private final SignatureVerifier verifier;
    private final CredentialRegistry credentials;
    private final ModelCatalog catalog;
    private final FaultDecision.Policy faults;
    private final Vertx vertx;
    private final FrameStreamer streamer;

    private enum Operation {
        INVOKE("InvokeModel", "bedrock:InvokeModel", false),
        INVOKE_STREAM("InvokeModelWithResponseStream", "bedrock:InvokeModelWithResponseStream", true),
        CONVERSE("Converse", "bedrock:InvokeModel", false),
        CONVERSE_STREAM("ConverseStream", "bedrock:InvokeModelWithResponseStream", true);

        final String wireName;
        final String iamAction;
        final boolean streams;

        Operation(String wireName, String iamAction, boolean streams) {
            this.wireName = wireName;
            this.iamAction = iamAction;
            this.streams = streams;
        }

        static Operation of(String action) {
            return switch (action) {
                case "invoke" -> INVOKE;
                case "invoke-with-response-stream" -> INVOKE_STREAM;
                case "converse" -> CONVERSE;
                case "converse-stream" -> CONVERSE_STREAM;
                default -> null;
            };
        }
    }

    public BedrockService(SignatureVerifier verifier, CredentialRegistry credentials, ModelCatalog catalog,
                          FaultDecision.Policy faults, Vertx vertx) {
        this.verifier = verifier;
        this.credentials = credentials;
        this.catalog = catalog;
        this.faults = faults;
        this.vertx = vertx;
        this.streamer = new FrameStreamer(vertx);
    }

    public void handle(Exchange ex) {
        ex.service("bedrock");
        guarded(ex, () -> dispatch(ex));
    }

    private void dispatch(Exchange ex) {
        String path = ex.rawPath();
        int actionAt = path.lastIndexOf('/');
        Operation op = actionAt > PATH_PREFIX.length() ? Operation.of(path.substring(actionAt + 1)) : null;
        if (op == null || !"POST".equals(ex.method())) {
            // Bedrock answers a path it has no operation for with Coral's UnknownOperationException.
            logAccessKey(ex);
            throw new BedrockError(BedrockErrorType.UNKNOWN_OPERATION, null);
        }
        ex.operation(op.wireName);
        String requestedId = CanonicalRequest.percentDecode(path.substring(PATH_PREFIX.length(), actionAt));
        ex.modelId(requestedId);
        logAccessKey(ex);
        Verified verified = verifier.verify(ex, "bedrock");
        CredentialRegistry.Entry caller = credentials.find(verified.credential().accessKeyId());
        ex.principal(caller.principal().arn());

        ModelCatalog.Model model = catalog.resolve(requestedId);
        if (!caller.principal().access().allows(requestedId, model.baseId())) {
            throw new BedrockError(BedrockErrorType.ACCESS_DENIED, "User: " + caller.principal().arn()
                    + " is not authorized to perform: " + op.iamAction + " on resource: arn:aws:bedrock:"
                    + verified.authorization().region() + "::foundation-model/" + model.baseId()
                    + " because no identity-based policy allows the " + op.iamAction + " action");
        }
        FaultDecision fault = faults.decide(requestedId, model.baseId());
        Runnable answer = () -> answer(ex, op, model, fault);
        // A whole (non-stream) answer is its first byte, so a slow first byte simply adds to its latency; streams
        // apply it between the checks and the response head instead (FrameStreamer).
        long delay = fault.delayMillis() + (op.streams ? 0 : fault.firstByteDelayMillis());
        if (delay > 0) {
            vertx.setTimer(delay, t -> guarded(ex, answer));
        } else {
            answer.run();
        }
    }

    /** Runs a step of answering; whatever it throws becomes the error response Bedrock would send. */
    private static void guarded(Exchange ex, Runnable action) {
        try {
            action.run();
        } catch (BedrockError e) {
            sendError(ex, e.type(), e.getMessage());
        } catch (SignatureException e) {
            sendError(ex, signatureError(e.kind()), e.getMessage());
        } catch (RuntimeException e) {
            sendError(ex, BedrockErrorType.INTERNAL_SERVER, "The server encountered an internal error while processing the request.");
        }
    }

    private void answer(Exchange ex, Operation op, ModelCatalog.Model model, FaultDecision fault) {
        if (ex.closed()) {
            return;
        }
        if (fault.reset()) {
            ex.abort();
            return;
        }
        if (fault.error() != null) {
            String retryAfter = fault.retryAfterHeader();
            if (retryAfter == null) {
                sendError(ex, fault.error(), FaultMessages.of(fault.error()));
            } else {
                sendError(ex, fault.error(), FaultMessages.of(fault.error()), "Retry-After", retryAfter);
            }
            return;
        }
        JsonNode body = Json.parseBody(ex.body());
        switch (op) {
            case INVOKE -> invoke(ex, model, body);
            case INVOKE_STREAM -> invokeStream(ex, model, body, fault);
            case CONVERSE -> converse(ex, model, body);
            case CONVERSE_STREAM -> converseStream(ex, model, body, fault);
            default -> throw new IllegalStateException("unhandled operation " + op);
        }
    }

    private void invoke(Exchange ex, ModelCatalog.Model model, JsonNode body) {
        String latencyMode = performanceLatency(ex);
        Invocation result = model.family().invoke(model.baseId(), body);
        List<String> headers = new ArrayList<>(List.of(
                "X-Amzn-Bedrock-Invocation-Latency", Long.toString(ex.elapsedMillis())));
        if (result.reportsCacheTokens()) {
            headers.addAll(List.of("X-Amzn-Bedrock-Cache-Write-Input-Token-Count", "0",
                    "X-Amzn-Bedrock-Cache-Read-Input-Token-Count", "0"));
        }
        headers.addAll(List.of("X-Amzn-Bedrock-Output-Token-Count", Integer.toString(result.outputTokens()),
                "X-Amzn-Bedrock-Input-Token-Count", Integer.toString(result.inputTokens())));
        if (latencyMode != null) {
            headers.addAll(List.of(PERFORMANCE_LATENCY, latencyMode));
        }
        ex.send(200, "application/json", Json.bytes(result.response()), headers.toArray(String[]::new));
    }

    /** The modeled X-Amzn-Bedrock-PerformanceConfig-Latency request header: checked, and echoed when given. */
    private static String performanceLatency(Exchange ex) {
        String mode = ex.header(PERFORMANCE_LATENCY);
        if (mode != null && !mode.equals("standard") && !mode.equals("optimized")) {
            throw BedrockError.validation("1 validation error detected: Value '" + mode
                    + "' at 'performanceConfigLatency' failed to satisfy constraint: Member must satisfy enum value set: [standard, optimized]");
        }
        return mode;
    }

    private void invokeStream(Exchange ex, ModelCatalog.Model model, JsonNode body, FaultDecision fault) {
        if (!model.family().isTextGeneration()) {
            throw BedrockError.validation("The model is unsupported for streaming.");
        }
        String latencyMode = performanceLatency(ex);
        Invocation result = model.family().invoke(model.baseId(), body);
        List<ObjectNode> chunks = result.chunks().get();
        long latency = ex.elapsedMillis() + fault.firstByteDelayMillis();
        ObjectNode metrics = chunks.get(chunks.size() - 1).putObject("amazon-bedrock-invocationMetrics");
        metrics.put("inputTokenCount", result.inputTokens());
        metrics.put("outputTokenCount", result.outputTokens());
        metrics.put("invocationLatency", latency + (long) chunks.size() * fault.chunkDelayMillis());
        metrics.put("firstByteLatency", latency);
        if (result.reportsCacheTokens()) {
            metrics.put("cacheReadInputTokenCount", 0);
            metrics.put("cacheWriteInputTokenCount", 0);
        }
        List<byte[]> frames = new ArrayList<>(chunks.size());
        Base64.Encoder base64 = Base64.getEncoder();
        for (ObjectNode chunk : chunks) {
            ObjectNode part = Json.object();
            part.put("bytes", base64.encodeToString(Json.bytes(chunk)));
            frames.add(EventStreamFrame.event("chunk", Json.bytes(part)));
        }
        if (latencyMode == null) {
            streamer.stream(ex, fault, frames, "X-Amzn-Bedrock-Content-Type", "application/json");
        } else {
            streamer.stream(ex, fault, frames, "X-Amzn-Bedrock-Content-Type", "application/json",
                    PERFORMANCE_LATENCY, latencyMode);
        }
    }

    private void converse(Exchange ex, ModelCatalog.Model model, JsonNode body) {
        requireChatModel(model);
        Completion completion = Responder.complete(ConverseFormat.parse(body));
        ex.send(200, "application/json", Json.bytes(ConverseFormat.response(completion, ex.elapsedMillis())));
    }

    private void converseStream(Exchange ex, ModelCatalog.Model model, JsonNode body, FaultDecision fault) {
        requireChatModel(model);
        Completion completion = Responder.complete(ConverseFormat.parse(body));
        List<byte[]> frames = new ArrayList<>();
        for (ConverseFormat.Event event : ConverseFormat.streamEvents(completion, ex.elapsedMillis())) {
            frames.add(EventStreamFrame.event(event.type(), Json.bytes(event.payload())));
        }
        streamer.stream(ex, fault, frames);
    }

    private static void requireChatModel(ModelCatalog.Model model) {
        if (!model.family().isTextGeneration()) {
            throw BedrockError.validation("This action doesn't support the model that you provided. "
                    + "Try again with a supported text or chat model.");
        }
    }

    private static void logAccessKey(Exchange ex) {
        ex.accessKeyId(AuthorizationHeader.accessKeyIdOf(ex.header("authorization")));
    }

    /** @param headers name/value pairs sent after x-amzn-ErrorType, such as a fault's Retry-After */
    public static void sendError(Exchange ex, BedrockErrorType type, String message, String... headers) {
        ex.errorType(type.code());
        ObjectNode body = Json.object();
        if (message == null) {
            body.putNull("message");
        } else {
            body.put("message", message);
        }
        if (type == BedrockErrorType.MODEL_ERROR) {
            body.put("originalStatusCode", 500);
            if (ex.modelId() != null) {
                body.put("resourceName", ex.modelId());
            }
        }
        String[] all = new String[headers.length + 2];
        all[0] = "x-amzn-ErrorType";
        all[1] = type.headerValue();
        System.arraycopy(headers, 0, all, 2, headers.length);
        ex.send(type.status(), "application/json", Json.bytes(body), all);
    }

    private static BedrockErrorType signatureError(SignatureException.Kind kind) {
        return switch (kind) {
            case MISSING -> BedrockErrorType.MISSING_AUTHENTICATION_TOKEN;
            case INCOMPLETE -> BedrockErrorType.INCOMPLETE_SIGNATURE;
            case UNKNOWN_KEY, BAD_TOKEN -> BedrockErrorType.UNRECOGNIZED_CLIENT;
            case EXPIRED_TOKEN -> BedrockErrorType.EXPIRED_TOKEN;
            case MISMATCH, SKEWED -> BedrockErrorType.INVALID_SIGNATURE;
        };
    }
}
