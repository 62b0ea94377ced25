package dev.outcrop.sql.internal;

/**
 * One token of the statement text.
 *
 * @param start offset of the first character
 * @param end offset after the last character
 * @param value what the token means: the folded word, the resolved string, the number's text, or
 *              the message of an {@link TokenType#ERROR} token; null for punctuation
 */
public record Token(TokenType type, int start, int end, String value) {

    public boolean isWord(String lowerCaseWord) {
        return type == TokenType.WORD && value.equals(lowerCaseWord);
    }
}
