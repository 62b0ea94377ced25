package dev.outcrop.bedrock.emulator.internal.bedrock;

import dev.outcrop.bedrock.emulator.internal.wire.BedrockErrorType;

/** The messages Bedrock sends with each error type (captured where known, otherwise in the same style). */
final class FaultMessages {
    private FaultMessages() {
    }

    static String of(BedrockErrorType type) {
        return switch (type) {
            case THROTTLING -> "Too many requests, please wait before trying again.";
            case MODEL_TIMEOUT -> "Model has timed out in processing the request. Try your request again.";
            case MODEL_NOT_READY -> "Model is not ready to serve inference requests. The AWS SDK will automatically retry the operation up to 5 times.";
            case SERVICE_UNAVAILABLE -> "Bedrock is unable to process your request.";
            case MODEL_ERROR -> "The model returned the following errors: emulated model failure.";
            case MODEL_STREAM_ERROR -> "The model stream returned an error: emulated model failure.";
            case SERVICE_QUOTA_EXCEEDED -> "Your request exceeded the service quota for this model.";
            case VALIDATION -> "Malformed input request, please reformat your input and try again.";
            case ACCESS_DENIED -> "You don't have access to the model with the specified model ID.";
            case RESOURCE_NOT_FOUND -> "Could not resolve the foundation model from the provided model identifier.";
            default -> "The server encountered an internal error while processing the request.";
        };
    }
}
