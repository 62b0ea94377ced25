package dev.outcrop.bedrock.emulator.internal.wire;

/**
 * The Bedrock Runtime errors with the status the service model gives them. Modeled errors carry Bedrock's Coral
 * namespace in x-amzn-ErrorType; front-door (authentication) errors carry the generic Coral service namespace, as
 * captured from AWS.
 */
public enum BedrockErrorType {
    VALIDATION("ValidationException", 400, true),
    ACCESS_DENIED("AccessDeniedException", 403, true),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404, true),
    MODEL_TIMEOUT("ModelTimeoutException", 408, true),
    MODEL_ERROR("ModelErrorException", 424, true),
    MODEL_STREAM_ERROR("ModelStreamErrorException", 424, true),
    THROTTLING("ThrottlingException", 429, true),
    MODEL_NOT_READY("ModelNotReadyException", 429, true),
    SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 400, true),
    INTERNAL_SERVER("InternalServerException", 500, true),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503, true),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403, false),
    INVALID_SIGNATURE("InvalidSignatureException", 403, false),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400, false),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403, false),
    EXPIRED_TOKEN("ExpiredTokenException", 403, false),
    UNKNOWN_OPERATION("UnknownOperationException", 404, false),
    REQUEST_TOO_LARGE("ValidationException", 413, true);

    private static final String BEDROCK_NS = "http://internal.amazon.com/coral/com.amazon.bedrock/";
    private static final String CORAL_NS = "http://internal.amazon.com/coral/com.amazon.coral.service/";

    private final String code;
    private final int status;
    private final boolean modeled;

    BedrockErrorType(String code, int status, boolean modeled) {
        this.code = code;
        this.status = status;
        this.modeled = modeled;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The x-amzn-ErrorType header value: code, colon, namespace. */
    public String headerValue() {
        return code + ":" + (modeled ? BEDROCK_NS : CORAL_NS);
    }

    /** The union member name used for this error inside an event stream ({@code throttlingException}). */
    public String eventName() {
        return Character.toLowerCase(code.charAt(0)) + code.substring(1);
    }

    /** Looks an error up by its code, e.g. "ThrottlingException"; null when unknown. */
    public static BedrockErrorType byCode(String code) {
        for (BedrockErrorType t : values()) {
            if (t.code.equals(code) && t != REQUEST_TOO_LARGE) {
                return t;
            }
        }
        return null;
    }
}
