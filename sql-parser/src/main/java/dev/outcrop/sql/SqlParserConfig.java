package dev.outcrop.sql;

/**
 * Limits that protect the parser from hostile or accidental input. Immutable; build with
 * {@link #builder()}, or take {@link #defaults()}.
 */
public final class SqlParserConfig {

    /** 1 MiB of characters. */
    public static final int DEFAULT_MAX_STATEMENT_LENGTH = 1 << 20;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 200;
    /** Above this, the parser's own recursion could exhaust a default thread stack. */
    public static final int LARGEST_MAX_NESTING_DEPTH = 1_000;

    private static final SqlParserConfig DEFAULTS = builder().build();

    private final int maxStatementLength;
    private final int maxNestingDepth;

    private SqlParserConfig(Builder builder) {
        this.maxStatementLength = builder.maxStatementLength;
        this.maxNestingDepth = builder.maxNestingDepth;
    }

    public static SqlParserConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxStatementLength(maxStatementLength).maxNestingDepth(maxNestingDepth);
    }

    /** The longest text, in characters, that is read at all; longer text is refused before lexing. */
    public int maxStatementLength() {
        return maxStatementLength;
    }

    /** How deep expressions (and types) may nest, counting parentheses, operators, calls and CASE. */
    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SqlParserConfig that
                && maxStatementLength == that.maxStatementLength && maxNestingDepth == that.maxNestingDepth;
    }

    @Override
    public int hashCode() {
        return 31 * maxStatementLength + maxNestingDepth;
    }

    @Override
    public String toString() {
        return "SqlParserConfig[maxStatementLength=" + maxStatementLength + ", maxNestingDepth=" + maxNestingDepth + "]";
    }

    public static final class Builder {
        private int maxStatementLength = DEFAULT_MAX_STATEMENT_LENGTH;
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;

        private Builder() {
        }

        public Builder maxStatementLength(int maxStatementLength) {
            if (maxStatementLength < 1) {
                throw new IllegalArgumentException("maxStatementLength must be at least 1, but was " + maxStatementLength);
            }
            this.maxStatementLength = maxStatementLength;
            return this;
        }

        public Builder maxNestingDepth(int maxNestingDepth) {
            if (maxNestingDepth < 1 || maxNestingDepth > LARGEST_MAX_NESTING_DEPTH) {
                throw new IllegalArgumentException("maxNestingDepth must be between 1 and " + LARGEST_MAX_NESTING_DEPTH
                        + ", but was " + maxNestingDepth);
            }
            this.maxNestingDepth = maxNestingDepth;
            return this;
        }

        public SqlParserConfig build() {
            return new SqlParserConfig(this);
        }
    }
}
