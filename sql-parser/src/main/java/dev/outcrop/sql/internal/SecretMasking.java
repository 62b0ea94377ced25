package dev.outcrop.sql.internal;

import java.util.List;

/**
 * Finds, before parsing starts, every token that may be a credential value, and marks it secret so
 * that no error excerpt can print it, even when the error comes before the parser reaches the
 * credentials (a misspelt CREDENTIALS keyword) or lies in them (a misspelt key, an unterminated
 * string). Two lexical rules, deliberately broader than the grammar:
 * <ul>
 *   <li>the bracketed list after a word that is, or nearly is, CREDENTIALS: everything but keys and punctuation;</li>
 *   <li>the token after {@code AWS_<anything> =}, wherever it stands.</li>
 * </ul>
 */
final class SecretMasking {

    private SecretMasking() {
    }

    static void markSecrets(List<Token> tokens, TokenCursor in) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.type() != TokenType.WORD) {
                continue;
            }
            String word = token.value();
            if (word.startsWith("aws_") && next(tokens, i, 1).type() == TokenType.EQUAL) {
                mark(next(tokens, i, 2), in);
            }
            else if (looksLikeCredentials(word)) {
                int open = i + 1;
                while (open < tokens.size() && open <= i + 2 && !isOpening(tokens.get(open))) {
                    open++;
                }
                if (open < tokens.size() && isOpening(tokens.get(open))) {
                    markList(tokens, open + 1, in);
                }
            }
        }
    }

    private static boolean looksLikeCredentials(String word) {
        if (word.equals("credentials")) {
            return true;
        }
        return word.length() >= 8 && word.length() <= 14 && word.charAt(0) == 'c'
                && Suggestions.closest(word, List.of("CREDENTIALS")) != null;
    }

    private static boolean isOpening(Token token) {
        return token.type() == TokenType.LEFT_PAREN || token.type() == TokenType.LEFT_BRACE;
    }

    private static void markList(List<Token> tokens, int from, TokenCursor in) {
        for (int i = from; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.type()) {
                case RIGHT_PAREN, RIGHT_BRACE, END -> {
                    return;
                }
                case EQUAL, COMMA -> {
                    continue;
                }
                case WORD -> {
                    if (CredentialKey.fromWord(token.value()) != null) {
                        continue;
                    }
                    mark(token, in);
                }
                default -> mark(token, in);
            }
        }
    }

    private static void mark(Token token, TokenCursor in) {
        switch (token.type()) {
            case END -> {
            }
            case STRING -> {
                if (token.end() - token.start() >= 2) {
                    // Keep the quotes, so that the excerpt still shows where the string was.
                    in.markSecret(token.start() + 1, token.end() - 1);
                }
            }
            // An unterminated string runs to the end of the text, and all of it may be secret.
            case ERROR -> in.markSecret(token.start(), Integer.MAX_VALUE);
            default -> in.markSecret(token.start(), token.end());
        }
    }

    private static Token next(List<Token> tokens, int index, int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }
}
