package dev.outcrop.core.port;

import static java.util.Objects.requireNonNull;

/** The generated text of a Converse call and its usage. */
public record ConverseResponse(String text, TokenUsage usage) {
    public ConverseResponse {
        requireNonNull(text, "text is null");
        requireNonNull(usage, "usage is null");
    }
}
