package dev.outcrop.benchmarks.engine;

/**
 * The statements the harnesses run: one Nova call per row, each row's request its own ("row n", optionally
 * followed by a long literal), over {@code (VALUES (first), ..., (last)) AS t(n)}, as a user's first real query
 * is. The emulator answers Nova's shape with "Echo: " and the prompt's text, so every answer can be checked.
 */
final class Rows {

    static final String MODEL = "amazon.nova-micro-v1:0";

    private Rows() {
    }

    /** Rows {@code first..first+count-1}, one Nova call each; {@code padding} characters of text follow "row n". */
    static String novaPerRow(int first, int count, int padding) {
        StringBuilder sql = new StringBuilder(count * 9 + padding + 300);
        sql.append("SELECT n, AWS_BEDROCK_AI_QUERY('").append(MODEL).append("', ")
                .append("'{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"row ' || n || '")
                .append(padding > 0 ? " " + filler(padding) : "")
                .append("\"}]}]}', '").append(EngineStack.LOCATION).append("') AS answer FROM (VALUES ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "(" : ",(").append(first + i).append(')');
        }
        return sql.append(") AS t(n)").toString();
    }

    /** Whether {@code answer} is the emulator's answer to row {@code n} of {@link #novaPerRow}. */
    static boolean answersRow(Object answer, long n, int padding) {
        return answer instanceof String text && text.contains("\"text\":\"Echo: row " + n + (padding > 0 ? " " : "\""));
    }

    /** {@code length} characters of plain words: no quote, backslash or other character that SQL or JSON would escape. */
    static String filler(int length) {
        String words = "the quick brown fox jumps over the lazy dog while seven wizards quietly box a jumbo sphinx ";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(words, 0, Math.min(words.length(), length - text.length()));
        }
        return text.toString();
    }
}
