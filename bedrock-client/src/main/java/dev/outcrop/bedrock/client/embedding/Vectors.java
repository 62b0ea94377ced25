package dev.outcrop.bedrock.client.embedding;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a JSON array of numbers. */
final class Vectors {

    private Vectors() {
    }

    static double[] read(JsonNode array, String model) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalStateException(model + " answered without an embedding array");
        }
        double[] vector = new double[array.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = array.get(i).asDouble();
        }
        return vector;
    }
}
