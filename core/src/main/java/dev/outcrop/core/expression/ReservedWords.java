package dev.outcrop.core.expression;

import java.util.Set;

/**
 * Words that cannot be unquoted identifiers (core keeps the list, so that every writer of SQL, the
 * parser's formatter and core's masked ddl alike, quotes the same names), because the grammar would read them as keywords where a
 * name may stand (after an expression, at the start of one, between clauses). Every other keyword
 * (LOCATION, SOURCE, URL, ROLE, ...) stays usable as a name, as Firebolt's own column names need.
 */
public final class ReservedWords {

    private static final Set<String> RESERVED = Set.of(
            "all", "alter", "and", "as", "between", "by", "case", "cast", "create", "distinct", "drop", "else",
            "end", "except", "exists", "false", "fetch", "for", "from", "grant", "group", "having", "if", "ilike",
            "in", "intersect", "into", "is", "join", "like", "limit", "not", "null", "offset", "on", "or",
            "order", "revoke", "select", "set", "then", "to", "true", "union", "using", "values", "when",
            "where", "with");

    private ReservedWords() {
    }

    /** Whether the lower-case word must be double-quoted to be used as a name. */
    public static boolean isReserved(String lowerCaseWord) {
        return RESERVED.contains(lowerCaseWord);
    }

    /** The reserved words, lower case; for generating test names. */
    public static Set<String> all() {
        return RESERVED;
    }
}
