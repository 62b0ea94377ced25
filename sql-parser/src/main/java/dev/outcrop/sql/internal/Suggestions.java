package dev.outcrop.sql.internal;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" for misspelt keywords: the closest candidate within a small edit distance. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word} (ignoring case), or null when none is close enough to be a
     * plausible typo: at most two edits, and fewer than half the word's letters.
     */
    static String closest(String word, Collection<String> candidates) {
        String upper = word.toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int allowed = Math.min(2, (upper.length() - 1) / 2);
        if (upper.length() > 12) {
            allowed = 3;
        }
        for (String candidate : candidates) {
            if (Math.abs(candidate.length() - upper.length()) > allowed) {
                continue;
            }
            int distance = distance(upper, candidate);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, d[i - 2][j - 2] + 1);
                }
                d[i][j] = value;
            }
        }
        return d[a.length()][b.length()];
    }
}
