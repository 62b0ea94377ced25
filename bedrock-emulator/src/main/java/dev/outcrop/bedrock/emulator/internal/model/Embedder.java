package dev.outcrop.bedrock.emulator.internal.model;

import java.util.Locale;

/**
 * Deterministic text embeddings with the property tests need from real ones: equal texts embed equally, and texts
 * that share words and character trigrams embed close together. Each feature (a lower-cased character trigram or a
 * whole word) is hashed to a dimension and a sign — the "hashing trick" — and the sum is L2-normalised.
 */
public final class Embedder {
    private Embedder() {
    }

    /** A unit-length vector of {@code dimensions} floats (all zeros only for text with no features at all). */
    public static float[] embed(String text, int dimensions) {
        double[] v = new double[dimensions];
        String t = " " + text.toLowerCase(Locale.ROOT).strip() + " ";
        int[] cps = t.codePoints().toArray();
        for (int i = 0; i + 3 <= cps.length; i++) {
            add(v, new String(cps, i, 3), 1.0);
        }
        for (String word : t.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                add(v, "w:" + word, 2.0);
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            out[i] = norm == 0 ? 0f : (float) (v[i] / norm);
        }
        return out;
    }

    private static void add(double[] v, String feature, double weight) {
        long h = Ids.mix(Ids.fnv(feature));
        int index = (int) Math.floorMod(h, (long) v.length);
        v[index] += (h & (1L << 63)) == 0 ? weight : -weight;
    }

    /** The same direction with a text-dependent length, for Titan's {@code normalize: false}. */
    public static float[] unnormalised(float[] unit, String text) {
        float scale = 1f + Tokens.count(text) / 8f;
        float[] out = new float[unit.length];
        for (int i = 0; i < unit.length; i++) {
            out[i] = unit[i] * scale;
        }
        return out;
    }
}
