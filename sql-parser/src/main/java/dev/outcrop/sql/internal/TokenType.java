package dev.outcrop.sql.internal;

/** The kinds of token the lexer produces; symbols carry their spelling for error messages. */
public enum TokenType {
    /** An unquoted word: a keyword or an identifier; the token's value is folded to lower case. */
    WORD(null),
    /** A double-quoted identifier; the value keeps its case, with {@code ""} resolved. */
    QUOTED_IDENTIFIER(null),
    /** {@code '...'}, {@code E'...'} or {@code $$...$$}; the value has its escapes resolved. */
    STRING(null),
    /** Digits only; the value is the text, converted by the parser so that it can report range errors. */
    INTEGER(null),
    /** A number with a decimal point or an exponent; the value is the text. */
    DECIMAL(null),
    LEFT_PAREN("("),
    RIGHT_PAREN(")"),
    LEFT_BRACE("{"),
    RIGHT_BRACE("}"),
    LEFT_BRACKET("["),
    RIGHT_BRACKET("]"),
    COMMA(","),
    SEMICOLON(";"),
    DOT("."),
    STAR("*"),
    PLUS("+"),
    MINUS("-"),
    SLASH("/"),
    PERCENT("%"),
    CONCAT("||"),
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_EQUAL("<="),
    GREATER(">"),
    GREATER_EQUAL(">="),
    ARROW("=>"),
    DOUBLE_COLON("::"),
    /** Text the lexer could not read; the value is the message. The parser reports it when it gets there. */
    ERROR(null),
    END(null);

    private final String symbol;

    TokenType(String symbol) {
        this.symbol = symbol;
    }

    /** The spelling of a punctuation token, or null for the other kinds. */
    public String symbol() {
        return symbol;
    }
}
