package dev.outcrop.spark.internal.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What makes two calls of one query the same call: the function, the location, AI_EMBED_TEXT's model and
 * dimensions, and the exact per-row arguments (the model and request, or the text). {@code null_on_error} is
 * not part of it: it changes what a failure gives, never what an answer is.
 *
 * @param function which function
 * @param location the LOCATION's name
 * @param embeddingModel AI_EMBED_TEXT's model, or null
 * @param dimensions AI_EMBED_TEXT's DIMENSIONS, or null
 * @param arguments the per-row arguments, none null
 */
public record AnswerKey(AiFunction function, String location, String embeddingModel, Long dimensions, List<String> arguments) {

    public AnswerKey {
        requireNonNull(function, "function is null");
        requireNonNull(location, "location is null");
        arguments = List.copyOf(arguments);
    }

    static AnswerKey of(AiCallSpec call, String... arguments) {
        return new AnswerKey(call.function(), call.location(), call.embeddingModel(), call.dimensions(), List.of(arguments));
    }

    /** A rough upper estimate of the bytes the key holds on the heap, for the memo's bound. */
    long estimatedBytes() {
        long bytes = 96 + text(location) + text(embeddingModel);
        for (String argument : arguments) {
            bytes += text(argument);
        }
        return bytes;
    }

    static long text(String value) {
        return value == null ? 0 : 56 + 2L * value.length();
    }

    /** Never the arguments: they are the user's data. */
    @Override
    public String toString() {
        return "AnswerKey[" + function + " at " + location + ", " + arguments.size() + " arguments]";
    }
}
