package dev.outcrop.bedrock.emulator.internal.wire;

/** Thrown anywhere while answering a Bedrock call; the router turns it into the JSON error response. */
public final class BedrockError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final BedrockErrorType type;

    public BedrockError(BedrockErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public static BedrockError validation(String message) {
        return new BedrockError(BedrockErrorType.VALIDATION, message);
    }

    public BedrockErrorType type() {
        return type;
    }
}
