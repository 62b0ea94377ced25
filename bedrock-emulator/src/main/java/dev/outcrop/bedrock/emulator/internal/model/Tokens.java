package dev.outcrop.bedrock.emulator.internal.model;

/**
 * The emulator's tokenizer stand-in: one token per four characters (rounded up), the usual rule of thumb for
 * English with BPE tokenizers. Deterministic, so tests can predict usage figures exactly.
 */
public final class Tokens {
    private Tokens() {
    }

    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int chars = text.codePointCount(0, text.length());
        return (chars + 3) / 4;
    }

    /** The longest prefix of {@code text} that fits in {@code tokens} tokens. */
    public static String truncate(String text, int tokens) {
        long maxChars = (long) tokens * 4;
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, (int) maxChars));
    }
}
