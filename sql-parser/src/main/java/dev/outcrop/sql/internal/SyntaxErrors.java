package dev.outcrop.sql.internal;

import dev.outcrop.core.error.SqlSyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link SqlSyntaxException}s for one statement text: the line and column of an offset, and a
 * caret excerpt of the offending line in which every range marked secret is starred out, so that an
 * error near a credential never prints the credential.
 */
final class SyntaxErrors {

    /** Excerpts show at most this many characters of a long line, around the error. */
    private static final int EXCERPT_WIDTH = 100;

    private final String text;
    private final List<int[]> secretRanges = new ArrayList<>();

    SyntaxErrors(String text) {
        this.text = text;
    }

    /** Marks {@code [start, end)} as a secret: excerpts print it as stars. */
    void markSecret(int start, int end) {
        secretRanges.add(new int[] {start, end});
    }

    SqlSyntaxException at(int offset, String detail) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < clamped; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = clamped - lineStart + 1;
        return new SqlSyntaxException(line, column, clamped, detail, excerpt(lineStart, clamped));
    }

    private String excerpt(int lineStart, int offset) {
        int lineEnd = lineStart;
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        char[] line = text.substring(lineStart, lineEnd).toCharArray();
        for (int[] range : secretRanges) {
            int from = Math.max(range[0], lineStart);
            int to = Math.min(range[1], lineEnd);
            for (int i = from; i < to; i++) {
                line[i - lineStart] = '*';
            }
        }
        int caret = offset - lineStart;
        int from = 0;
        int to = line.length;
        if (line.length > EXCERPT_WIDTH) {
            from = Math.max(0, Math.min(caret - EXCERPT_WIDTH / 2, line.length - EXCERPT_WIDTH));
            to = Math.min(line.length, from + EXCERPT_WIDTH);
        }
        StringBuilder excerpt = new StringBuilder();
        String prefix = from > 0 ? "..." : "";
        excerpt.append(prefix).append(line, from, to - from).append(to < line.length ? "..." : "").append('\n');
        excerpt.append(" ".repeat(prefix.length()));
        for (int i = from; i < caret && i < to; i++) {
            // Keep tabs, so that the caret lines up however the tabs are shown.
            excerpt.append(line[i] == '\t' ? '\t' : ' ');
        }
        excerpt.append('^');
        return excerpt.toString();
    }
}
