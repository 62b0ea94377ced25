package dev.outcrop.core.spi;

import dev.outcrop.core.port.ModelRuntime;

/**
 * What the host gives an embedding model when it creates it. New capabilities arrive as default
 * methods, never as new parameters.
 */
public interface EmbeddingModelContext {

    /** The deployment's model runtime, for models that are served through Bedrock InvokeModel. */
    ModelRuntime modelRuntime();
}
