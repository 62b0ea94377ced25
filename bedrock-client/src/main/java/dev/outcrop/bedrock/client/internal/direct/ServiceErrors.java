package dev.outcrop.bedrock.client.internal.direct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;

/**
 * An error answer as the service exception the SDK would have raised for it, so that {@code ErrorMapping} and the SDK's
 * retry strategy read it exactly as they read the SDK's: the error code from {@code x-amzn-ErrorType} (Bedrock's
 * REST-JSON protocol; the part before the first colon), else the body's {@code __type} or {@code code}; the message from
 * the body's {@code message} (or {@code Message}); the status; the request id; the whole HTTP response, whose headers
 * (Retry-After) error mapping reads.
 */
final class ServiceErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceErrors() {
    }

    static AwsServiceException from(Answer answer) {
        JsonNode body = parse(answer.body());
        String code = answer.response().firstMatchingHeader("x-amzn-ErrorType").map(ServiceErrors::beforeColon)
                .orElseGet(() -> text(body, "__type", "code"));
        if (code != null && code.indexOf('#') >= 0) {
            code = code.substring(code.lastIndexOf('#') + 1);       // "namespace#ThrottlingException"
        }
        String message = text(body, "message", "Message");
        int status = answer.response().statusCode();
        return BedrockRuntimeException.builder()
                .statusCode(status)
                .requestId(answer.response().firstMatchingHeader("x-amzn-RequestId").orElse(null))
                .message(message == null ? "Service returned HTTP status " + status : message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("BedrockRuntime")
                        .sdkHttpResponse(answer.response())
                        .build())
                .build();
    }

    private static String beforeColon(String value) {
        int colon = value.indexOf(':');
        return (colon >= 0 ? value.substring(0, colon) : value).trim();
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        }
        catch (IOException e) {
            return null;         // not JSON (a proxy's HTML page): the status and the header still say what failed
        }
    }

    private static String text(JsonNode body, String... names) {
        if (body == null || !body.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode value = body.get(name);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }
}
