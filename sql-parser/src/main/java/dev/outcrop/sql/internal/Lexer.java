package dev.outcrop.sql.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits statement text into tokens. It never throws: text it cannot read becomes one
 * {@link TokenType#ERROR} token (followed by nothing), so that the parser reports it at the point
 * where it reaches it, and knows then whether the text belongs to a credential.
 */
public final class Lexer {

    private final String text;
    private final int length;
    private final List<Object> parameters;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    private Lexer(String text, List<Object> parameters) {
        this.text = text;
        this.length = text.length();
        this.parameters = parameters;
    }

    /** The tokens of the text, always ending with an {@link TokenType#END} or an {@link TokenType#ERROR} token. */
    public static List<Token> tokenize(String text) {
        return new Lexer(text, List.of()).run();
    }

    /**
     * As {@link #tokenize(String)}, with {@code $1}, {@code $2}, ... read as the given values: each becomes
     * the token its value would be written as (a string, a number, TRUE, FALSE or NULL), so the value is
     * bound where the placeholder stands and is never read as SQL.
     */
    public static List<Token> tokenize(String text, List<Object> parameters) {
        return new Lexer(text, parameters).run();
    }

    private List<Token> run() {
        while (true) {
            if (!skipWhitespaceAndComments()) {
                return tokens;
            }
            if (position >= length) {
                // The end is reported right after the last token, not after trailing blanks and comments,
                // so that "expected ... but found end of input" points where something is missing.
                int end = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
                tokens.add(new Token(TokenType.END, end, end, null));
                return tokens;
            }
            if (!readToken()) {
                return tokens;
            }
        }
    }

    /** Returns false, having added an error token, on an unterminated block comment. */
    private boolean skipWhitespaceAndComments() {
        while (position < length) {
            char c = text.charAt(position);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || Character.isWhitespace(c)) {
                position++;
            }
            else if (c == '-' && next(1) == '-') {
                position += 2;
                while (position < length && text.charAt(position) != '\n' && text.charAt(position) != '\r') {
                    position++;
                }
            }
            else if (c == '/' && next(1) == '*') {
                int start = position;
                int close = text.indexOf("*/", position + 2);
                if (close < 0) {
                    error(start, length, "unterminated comment: close it with */");
                    return false;
                }
                position = close + 2;
            }
            else {
                return true;
            }
        }
        return true;
    }

    /** Returns false after adding an error token. */
    private boolean readToken() {
        int start = position;
        char c = text.charAt(position);
        if ((c == 'e' || c == 'E') && next(1) == '\'') {
            return readEscapedString(start);
        }
        if (isIdentifierStart(c)) {
            readWord(start);
            return true;
        }
        if (c >= '0' && c <= '9' || c == '.' && isDigit(next(1))) {
            return readNumber(start);
        }
        switch (c) {
            case '\'':
                return readQuotedString(start);
            case '"':
                return readQuotedIdentifier(start);
            case '$':
                return isDigit(next(1)) ? readParameter(start) : readDollarQuotedString(start);
            case '(':
                return symbol(TokenType.LEFT_PAREN, 1);
            case ')':
                return symbol(TokenType.RIGHT_PAREN, 1);
            case '{':
                return symbol(TokenType.LEFT_BRACE, 1);
            case '}':
                return symbol(TokenType.RIGHT_BRACE, 1);
            case '[':
                return symbol(TokenType.LEFT_BRACKET, 1);
            case ']':
                return symbol(TokenType.RIGHT_BRACKET, 1);
            case ',':
                return symbol(TokenType.COMMA, 1);
            case ';':
                return symbol(TokenType.SEMICOLON, 1);
            case '.':
                return symbol(TokenType.DOT, 1);
            case '*':
                return symbol(TokenType.STAR, 1);
            case '+':
                return symbol(TokenType.PLUS, 1);
            case '-':
                return symbol(TokenType.MINUS, 1);
            case '/':
                return symbol(TokenType.SLASH, 1);
            case '%':
                return symbol(TokenType.PERCENT, 1);
            case '|':
                if (next(1) == '|') {
                    return symbol(TokenType.CONCAT, 2);
                }
                break;
            case ':':
                if (next(1) == ':') {
                    return symbol(TokenType.DOUBLE_COLON, 2);
                }
                break;
            case '=':
                return next(1) == '>' ? symbol(TokenType.ARROW, 2) : symbol(TokenType.EQUAL, 1);
            case '!':
                if (next(1) == '=') {
                    return symbol(TokenType.NOT_EQUAL, 2);
                }
                break;
            case '<':
                if (next(1) == '=') {
                    return symbol(TokenType.LESS_EQUAL, 2);
                }
                return next(1) == '>' ? symbol(TokenType.NOT_EQUAL, 2) : symbol(TokenType.LESS, 1);
            case '>':
                return next(1) == '=' ? symbol(TokenType.GREATER_EQUAL, 2) : symbol(TokenType.GREATER, 1);
            default:
                break;
        }
        error(start, start + Character.charCount(text.codePointAt(start)), "unexpected character " + describeCharacter(start));
        return false;
    }

    private boolean symbol(TokenType type, int width) {
        tokens.add(new Token(type, position, position + width, null));
        position += width;
        return true;
    }

    private void readWord(int start) {
        position++;
        while (position < length && isIdentifierPart(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        tokens.add(new Token(TokenType.WORD, start, position, foldCase(word)));
    }

    private boolean readNumber(int start) {
        boolean decimal = false;
        while (isDigit(next(0))) {
            position++;
        }
        if (next(0) == '.') {
            decimal = true;
            position++;
            while (isDigit(next(0))) {
                position++;
            }
        }
        if ((next(0) == 'e' || next(0) == 'E')
                && (isDigit(next(1)) || (next(1) == '+' || next(1) == '-') && isDigit(next(2)))) {
            decimal = true;
            position += 2;
            while (isDigit(next(0))) {
                position++;
            }
        }
        if (position < length && isIdentifierPart(text.charAt(position))) {
            // "1abc" is a typo more often than a number followed by an alias.
            int end = position;
            while (end < length && isIdentifierPart(text.charAt(end))) {
                end++;
            }
            error(start, end, "a number cannot run into a name: put a space after " + text.substring(start, position)
                    + ", or quote the name");
            return false;
        }
        tokens.add(new Token(decimal ? TokenType.DECIMAL : TokenType.INTEGER, start, position, text.substring(start, position)));
        return true;
    }

    private boolean readQuotedString(int start) {
        StringBuilder value = null;
        int chunkStart = start + 1;
        int i = start + 1;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < length && text.charAt(i + 1) == '\'') {
                    if (value == null) {
                        value = new StringBuilder();
                    }
                    value.append(text, chunkStart, i + 1);
                    i += 2;
                    chunkStart = i;
                    continue;
                }
                String result = value == null ? text.substring(chunkStart, i) : value.append(text, chunkStart, i).toString();
                position = i + 1;
                tokens.add(new Token(TokenType.STRING, start, position, result));
                return true;
            }
            i++;
        }
        error(start, length, "unterminated string literal: close it with '");
        return false;
    }

    private boolean readEscapedString(int start) {
        StringBuilder value = new StringBuilder();
        int i = start + 2;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < length && text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                position = i + 1;
                tokens.add(new Token(TokenType.STRING, start, position, value.toString()));
                return true;
            }
            if (c == '\\') {
                if (i + 1 >= length) {
                    break;
                }
                char escaped = text.charAt(i + 1);
                i += 2;
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case '0' -> value.append('\0');
                    case 'u' -> {
                        int code = hexValue(i, 4);
                        if (code < 0) {
                            error(i - 2, Math.min(i + 4, length), "invalid escape \\u in E'...' string: write \\u and four hex digits");
                            return false;
                        }
                        value.append((char) code);
                        i += 4;
                    }
                    // \\, \', \" and any other escaped character stand for themselves.
                    default -> value.append(escaped);
                }
                continue;
            }
            value.append(c);
            i++;
        }
        error(start, length, "unterminated string literal: close it with '");
        return false;
    }

    private int hexValue(int from, int digits) {
        if (from + digits > length) {
            return -1;
        }
        int result = 0;
        for (int i = from; i < from + digits; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            result = result * 16 + digit;
        }
        return result;
    }

    private boolean readParameter(int start) {
        int end = start + 1;
        while (end < length && isDigit(text.charAt(end))) {
            end++;
        }
        String digits = text.substring(start + 1, end);
        int index = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (parameters.isEmpty()) {
            error(start, end, "the parameter $" + digits + " has no value: send the values with the statement (query_parameters over HTTP), "
                    + "or write the value into the statement");
            return false;
        }
        if (index < 1 || index > parameters.size()) {
            error(start, end, "the parameter $" + digits + " has no value: " + parameters.size() + " value(s) were given, for $1 to $"
                    + parameters.size());
            return false;
        }
        Object value = parameters.get(index - 1);
        position = end;
        if (value == null) {
            tokens.add(new Token(TokenType.WORD, start, end, "null"));
        }
        else if (value instanceof Boolean b) {
            tokens.add(new Token(TokenType.WORD, start, end, b ? "true" : "false"));
        }
        else if (value instanceof Long n) {
            tokens.add(new Token(TokenType.INTEGER, start, end, Long.toString(n)));
        }
        else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                error(start, end, "the parameter $" + digits + " is " + d + ", which has no SQL literal: send a finite number");
                return false;
            }
            tokens.add(new Token(TokenType.DECIMAL, start, end, Double.toString(d)));
        }
        else {
            tokens.add(new Token(TokenType.STRING, start, end, value.toString()));
        }
        return true;
    }

    private boolean readDollarQuotedString(int start) {
        // $$...$$ or $tag$...$tag$: no escapes inside, which is why JSON bodies are written with it.
        int tagEnd = start + 1;
        if (tagEnd < length && isIdentifierStart(text.charAt(tagEnd))) {
            tagEnd++;
            while (tagEnd < length && isIdentifierPart(text.charAt(tagEnd))) {
                tagEnd++;
            }
        }
        if (tagEnd >= length || text.charAt(tagEnd) != '$') {
            error(start, start + 1, "unexpected character '$': a dollar-quoted string starts with $$ (or $tag$)");
            return false;
        }
        String delimiter = text.substring(start, tagEnd + 1);
        int bodyStart = tagEnd + 1;
        int close = text.indexOf(delimiter, bodyStart);
        if (close < 0) {
            error(start, length, "unterminated dollar-quoted string: close it with " + delimiter);
            return false;
        }
        position = close + delimiter.length();
        tokens.add(new Token(TokenType.STRING, start, position, text.substring(bodyStart, close)));
        return true;
    }

    private boolean readQuotedIdentifier(int start) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < length && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i += 2;
                    continue;
                }
                if (value.length() == 0) {
                    error(start, i + 1, "a quoted identifier cannot be empty: write a name between the double quotes");
                    return false;
                }
                position = i + 1;
                tokens.add(new Token(TokenType.QUOTED_IDENTIFIER, start, position, value.toString()));
                return true;
            }
            value.append(c);
            i++;
        }
        error(start, length, "unterminated quoted identifier: close it with \"");
        return false;
    }

    private void error(int start, int end, String message) {
        tokens.add(new Token(TokenType.ERROR, start, end, message));
    }

    private char next(int ahead) {
        int index = position + ahead;
        return index < length ? text.charAt(index) : '\0';
    }

    private String describeCharacter(int offset) {
        int codePoint = text.codePointAt(offset);
        if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
            return String.format(Locale.ROOT, "U+%04X", codePoint);
        }
        return "'" + new String(Character.toChars(codePoint)) + "'";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c > 127 && Character.isLetter(c);
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c > 127 && Character.isLetterOrDigit(c);
    }

    /** Lower-cases a word; ASCII words, nearly all of them, without allocating twice. */
    static String foldCase(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127) {
                return word.toLowerCase(Locale.ROOT);
            }
        }
        return word;
    }
}
