package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Embedding models answer InvokeModel only; no streaming, no Converse. */
abstract class EmbeddingFamily implements ModelFamily {
    @Override
    public final boolean isTextGeneration() {
        return false;
    }

    static void floats(ArrayNode target, float[] vector) {
        for (float f : vector) {
            target.add(f);
        }
    }
}
