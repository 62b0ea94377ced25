package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.ReservedWords;
import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.expression.Identifier;

import java.util.List;
import java.util.Locale;

/**
 * The parser's position in the token list, with the checks every grammar rule needs: accept or
 * expect a keyword or a symbol, read a name, and report what was found where something else was
 * expected.
 */
final class TokenCursor {

    private static final int MAX_SHOWN_TOKEN_LENGTH = 40;

    private final String text;
    private final List<Token> tokens;
    private final SyntaxErrors errors;
    private int index;
    /** While true, tokens are described by kind, never by text: they may be credential values. */
    private boolean inSecretContext;

    TokenCursor(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
        this.errors = new SyntaxErrors(text);
    }

    /** The current token; reaching text the lexer could not read raises its error here. */
    Token current() {
        Token token = tokens.get(index);
        if (token.type() == TokenType.ERROR) {
            String message = token.value();
            if (inSecretContext && message.startsWith("unexpected character")) {
                message = "unexpected character in CREDENTIALS: write each value as a quoted string";
            }
            throw errors.at(token.start(), message);
        }
        return token;
    }

    /** The token {@code ahead} places after the current one, without raising lexer errors. */
    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    int index() {
        return index;
    }

    List<Token> tokens() {
        return tokens;
    }

    Token advance() {
        Token token = current();
        if (token.type() != TokenType.END) {
            index++;
        }
        return token;
    }

    boolean is(TokenType type) {
        return current().type() == type;
    }

    boolean isWord(String lowerCaseWord) {
        return current().isWord(lowerCaseWord);
    }

    boolean accept(TokenType type) {
        if (is(type)) {
            index++;
            return true;
        }
        return false;
    }

    boolean acceptWord(String lowerCaseWord) {
        if (isWord(lowerCaseWord)) {
            index++;
            return true;
        }
        return false;
    }

    /** Consumes a symbol, or fails with {@code expected '<symbol>' <context> but found ...}. */
    Token expect(TokenType type, String context) {
        if (!is(type)) {
            throw expected("'" + type.symbol() + "'" + suffix(context));
        }
        return advance();
    }

    /** Consumes a keyword, or fails with {@code expected KEYWORD <context> but found ...}. */
    Token expectWord(String lowerCaseWord, String context) {
        if (!isWord(lowerCaseWord)) {
            throw expected(lowerCaseWord.toUpperCase(Locale.ROOT) + suffix(context));
        }
        return advance();
    }

    /** Whether the current token can be read as a name: a quoted identifier or an unreserved word. */
    boolean isIdentifier() {
        return isIdentifier(current());
    }

    static boolean isIdentifier(Token token) {
        return token.type() == TokenType.QUOTED_IDENTIFIER
                || token.type() == TokenType.WORD && !ReservedWords.isReserved(token.value());
    }

    /** Reads a name; {@code what} says which name, such as "a location name". */
    Identifier identifier(String what) {
        Token token = current();
        if (isIdentifier(token)) {
            index++;
            return new Identifier(token.value());
        }
        if (token.type() == TokenType.WORD) {
            throw errorAt(token, "expected " + what + " but found the reserved word " + describe(token)
                    + ": to use it as a name, write it in double quotes (\"" + token.value() + "\")");
        }
        throw expected(what);
    }

    SqlSyntaxException expected(String what) {
        Token token = current();
        return errorAt(token, "expected " + what + " but found " + describe(token));
    }

    SqlSyntaxException errorAt(Token token, String detail) {
        return errors.at(token.start(), detail);
    }

    SqlSyntaxException errorAtCurrent(String detail) {
        return errorAt(current(), detail);
    }

    SqlSyntaxException errorAtOffset(int offset, String detail) {
        return errors.at(offset, detail);
    }

    void markSecret(int start, int end) {
        errors.markSecret(start, end);
    }

    void setSecretContext(boolean inSecretContext) {
        this.inSecretContext = inSecretContext;
    }

    /** How a token is named in a message: its text in quotes, or its kind where the text may be secret. */
    String describe(Token token) {
        switch (token.type()) {
            case END:
                return "end of input";
            case STRING:
                return "a string literal";
            case ERROR:
                return "unreadable text";
            default:
                break;
        }
        if (token.type().symbol() != null) {
            return "'" + token.type().symbol() + "'";
        }
        if (inSecretContext) {
            return switch (token.type()) {
                case WORD -> CredentialKey.fromWord(token.value()) != null
                        ? token.value().toUpperCase(Locale.ROOT) : "a name";
                case QUOTED_IDENTIFIER -> "a quoted name";
                default -> "a number";
            };
        }
        return "'" + abbreviate(text.substring(token.start(), token.end())) + "'";
    }

    /** Cuts text that is too long to quote whole in a message. */
    static String abbreviate(String shown) {
        return shown.length() > MAX_SHOWN_TOKEN_LENGTH ? shown.substring(0, MAX_SHOWN_TOKEN_LENGTH) + "..." : shown;
    }

    String rawText(Token token) {
        return text.substring(token.start(), token.end());
    }

    /** A word token's text as written, in quotes, even in a secret context: only for words that are clearly keys. */
    String describeWord(Token token) {
        return "'" + text.substring(token.start(), token.end()) + "'";
    }

    private static String suffix(String context) {
        return context.isEmpty() ? "" : " " + context;
    }
}
