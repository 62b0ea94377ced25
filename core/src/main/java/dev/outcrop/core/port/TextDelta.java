package dev.outcrop.core.port;

import static java.util.Objects.requireNonNull;

/** The next piece of generated text, in order; joining all deltas gives the whole answer. */
public record TextDelta(String text) implements StreamEvent {
    public TextDelta {
        requireNonNull(text, "text is null");
    }

    @Override
    public String toString() {
        // Generated text may echo the user's prompt; it stays out of logs.
        return "TextDelta[<" + text.length() + " chars>]";
    }
}
