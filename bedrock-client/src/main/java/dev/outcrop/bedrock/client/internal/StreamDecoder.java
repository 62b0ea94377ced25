package dev.outcrop.bedrock.client.internal;

import dev.outcrop.core.port.StreamCompletion;

/**
 * Reads one SDK event stream: the text each event adds, and how the stream ended. One decoder per
 * stream; events arrive one at a time, so it needs no locking.
 */
interface StreamDecoder<E> {

    /** The text this event adds, or null when it adds none (a start, a stop, metadata). */
    String text(E event);

    /**
     * The final record once the upstream completed, or null when the stream completed without the frames
     * that end a whole answer (then the stream was cut and is reported as an error).
     */
    StreamCompletion completion();
}
