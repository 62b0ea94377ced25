package dev.outcrop.sql.internal;

import dev.outcrop.core.type.ArrayType;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;

/** Reads the type of {@code CAST(x AS type)} and {@code x::type}, mapping the usual aliases to Outcrop's types. */
final class TypeNameParser {

    private static final String KNOWN = "TEXT, INTEGER, BIGINT, DOUBLE, BOOLEAN, TIMESTAMPTZ, ARRAY(<type>) or <type>[]";

    private final TokenCursor in;
    private final NestingGuard guard;

    TypeNameParser(TokenCursor in, NestingGuard guard) {
        this.in = in;
        this.guard = guard;
    }

    SqlType parse() {
        Token start = in.current();
        int before = guard.enter(start);
        try {
            SqlType type = parseBase();
            while (in.is(TokenType.LEFT_BRACKET)) {
                Token bracket = in.advance();
                in.expect(TokenType.RIGHT_BRACKET, "after '[' in an array type");
                type = new ArrayType(type);
                guard.enter(bracket);
            }
            return type;
        }
        finally {
            guard.restore(before);
        }
    }

    private SqlType parseBase() {
        Token token = in.current();
        if (token.type() != TokenType.WORD) {
            throw in.expected("a type name (" + KNOWN + ")");
        }
        SqlType type = scalar(token.value());
        if (type != null) {
            in.advance();
            if (type == ScalarType.DOUBLE && token.isWord("double")) {
                in.acceptWord("precision");
            }
            return type;
        }
        if (token.isWord("array")) {
            in.advance();
            in.expect(TokenType.LEFT_PAREN, "after ARRAY");
            SqlType element = parse();
            in.expect(TokenType.RIGHT_PAREN, "to close ARRAY(");
            return new ArrayType(element);
        }
        throw in.errorAt(token, "unknown type " + in.describe(token) + ": expected " + KNOWN);
    }

    private static SqlType scalar(String word) {
        return switch (word) {
            case "text", "varchar", "string" -> ScalarType.TEXT;
            case "int", "integer", "int4" -> ScalarType.INTEGER;
            case "bigint", "long", "int8" -> ScalarType.BIGINT;
            case "double", "float8", "float", "real" -> ScalarType.DOUBLE;
            case "boolean", "bool" -> ScalarType.BOOLEAN;
            case "timestamptz" -> ScalarType.TIMESTAMPTZ;
            default -> null;
        };
    }
}
