package dev.outcrop.bedrock.emulator.internal.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic identifiers derived from content, for response ids that must not vary between equal requests. */
final class Ids {
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {
    }

    static String base62(String seed, int length) {
        long h = fnv(seed);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            h = mix(h + i);
            sb.append(BASE62[(int) Math.floorMod(h, 62L)]);
        }
        return sb.toString();
    }

    static String uuid(String seed) {
        long a = mix(fnv(seed));
        long b = mix(a ^ 0x9E3779B97F4A7C15L);
        return new UUID((a & 0xFFFFFFFFFFFF0FFFL) | 0x4000L, (b & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    static long fnv(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64 finaliser: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
