package dev.outcrop.bedrock.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * One request the emulator answered, as tests observe it. Never carries secrets: no secret keys, session tokens or
 * signatures, and {@code parameters} holds only the non-secret request parameters (STS RoleArn, ExternalId,
 * RoleSessionName, DurationSeconds).
 *
 * @param service         {@code "bedrock"}, {@code "sts"} or {@code "unknown"} (a path no operation uses)
 * @param operation       e.g. InvokeModel, InvokeModelWithResponseStream, Converse, ConverseStream, AssumeRole,
 *                        GetCallerIdentity; null when the request named none
 * @param accessKeyId     from the Authorization header's Credential, or null
 * @param principalArn    the verified caller, or null when the signature was not accepted
 * @param modelId         URL-decoded model id, or null
 * @param status          HTTP status sent, or 499 when none was (the client left first, or a connection-reset fault)
 * @param errorType       the x-amzn-ErrorType (without namespace) or the STS error code; null on success
 * @param signatureValid  whether SigV4 verification passed
 * @param requestBytes    body bytes received
 * @param responseBytes   body bytes sent (for streams, all frames written)
 * @param receivedAt      when the request arrived
 * @param parameters      selected non-secret request parameters
 * @param streamCancelled true when the client closed the connection before a response stream ended
 */
public record RecordedCall(String service, String operation, String accessKeyId, String principalArn, String modelId,
                           int status, String errorType, boolean signatureValid, long requestBytes, long responseBytes,
                           Instant receivedAt, Map<String, String> parameters, boolean streamCancelled) {

    public RecordedCall {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The twelve-component shape from the emulator's first release; {@code streamCancelled} is false. */
    public RecordedCall(String service, String operation, String accessKeyId, String principalArn, String modelId,
                        int status, String errorType, boolean signatureValid, long requestBytes, long responseBytes,
                        Instant receivedAt, Map<String, String> parameters) {
        this(service, operation, accessKeyId, principalArn, modelId, status, errorType, signatureValid, requestBytes,
                responseBytes, receivedAt, parameters, false);
    }

    public boolean succeeded() {
        return status >= 200 && status < 300 && errorType == null;
    }
}
