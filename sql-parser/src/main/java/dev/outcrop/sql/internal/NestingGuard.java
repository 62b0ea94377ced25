package dev.outcrop.sql.internal;

/**
 * Refuses nesting deeper than the configured limit, with a syntax error at the token that goes too
 * deep, before the parser's recursion (or a later walk of the tree) can overflow the stack.
 */
final class NestingGuard {

    private final TokenCursor in;
    private final int maxDepth;
    private int depth;

    NestingGuard(TokenCursor in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /** Goes one level deeper; returns the depth before, for {@link #restore}. */
    int enter(Token at) {
        int before = depth;
        depth++;
        check(depth, at);
        return before;
    }

    void restore(int before) {
        depth = before;
    }

    /** Fails when a tree of {@code height} levels would exceed the limit. */
    void check(int height, Token at) {
        if (height > maxDepth) {
            throw in.errorAt(at, "nesting is deeper than " + maxDepth
                    + " levels: simplify the statement, or raise SqlParserConfig.maxNestingDepth");
        }
    }
}
