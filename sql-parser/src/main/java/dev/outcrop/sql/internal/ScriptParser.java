package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.ReservedWords;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.DoubleLiteral;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.Literal;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.statement.AlterAccount;
import dev.outcrop.core.statement.ResealLocations;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.DropPrincipal;
import dev.outcrop.core.statement.PrincipalKind;
import dev.outcrop.core.statement.CreateAccount;
import dev.outcrop.core.statement.DropAccount;
import dev.outcrop.core.statement.SetSetting;
import dev.outcrop.core.statement.UnsetSetting;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.core.statement.UseDatabase;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of parsing: one statement text, tokenized once, read as a script, a single
 * statement or an expression. Dispatches on the first keyword; the small statements are read here,
 * the larger families by their own parsers. One instance per text; not thread-safe.
 */
public final class ScriptParser {

    private static final List<String> STATEMENT_KEYWORDS =
            List.of("SELECT", "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "USE", "SET", "UNSET", "CALL");

    private final TokenCursor in;
    private final ExpressionParser expressions;
    private final LocationStatementParser locations;
    private final SelectParser selects;
    private final PrivilegeStatementParser privileges;
    private final IdentityStatementParser identities;

    public ScriptParser(String text, int maxNestingDepth) {
        this(text, List.of(), maxNestingDepth);
    }

    /** A parser whose {@code $n} placeholders are bound to {@code parameters} (see {@link Lexer#tokenize(String, List)}). */
    public ScriptParser(String text, List<Object> parameters, int maxNestingDepth) {
        List<Token> tokens = Lexer.tokenize(text, parameters);
        this.in = new TokenCursor(text, tokens);
        SecretMasking.markSecrets(tokens, in);
        NestingGuard guard = new NestingGuard(in, maxNestingDepth);
        this.expressions = new ExpressionParser(in, guard);
        this.locations = new LocationStatementParser(in);
        this.selects = new SelectParser(in, expressions);
        this.privileges = new PrivilegeStatementParser(in);
        this.identities = new IdentityStatementParser(in);
    }

    /** Statements separated by semicolons; empty statements are skipped. */
    public List<Statement> parseScript() {
        List<Statement> statements = new ArrayList<>();
        while (true) {
            while (in.accept(TokenType.SEMICOLON)) {
                // empty statement
            }
            if (in.is(TokenType.END)) {
                return statements;
            }
            statements.add(parseOne());
            if (!in.is(TokenType.END) && !in.is(TokenType.SEMICOLON)) {
                throw in.expected("';' or the end of the script after the statement");
            }
        }
    }

    /** Exactly one statement, with an optional trailing semicolon. */
    public Statement parseStatement() {
        if (in.is(TokenType.END)) {
            throw in.expected("a statement");
        }
        Statement statement = parseOne();
        in.accept(TokenType.SEMICOLON);
        if (!in.is(TokenType.END)) {
            boolean afterSemicolon = in.tokens().get(in.index() - 1).type() == TokenType.SEMICOLON;
            throw in.errorAtCurrent("expected the end of the statement but found " + in.describe(in.current())
                    + (afterSemicolon ? ": one statement is expected here; send several as a script" : ""));
        }
        return statement;
    }

    /** Exactly one expression. */
    public Expression parseExpression() {
        Expression expression = expressions.parse();
        if (!in.is(TokenType.END)) {
            throw in.expected("an operator or the end of the expression");
        }
        return expression;
    }

    private Statement parseOne() {
        Token first = in.current();
        if (first.type() == TokenType.WORD) {
            switch (first.value()) {
                case "select":
                    in.advance();
                    return selects.parse();
                case "create":
                    in.advance();
                    return parseCreate();
                case "alter":
                    in.advance();
                    return parseAlter();
                case "drop":
                    in.advance();
                    return parseDrop();
                case "grant":
                    in.advance();
                    return privileges.parseGrant();
                case "revoke":
                    in.advance();
                    return privileges.parseRevoke();
                case "use":
                    in.advance();
                    return parseUse();
                case "set":
                    in.advance();
                    return parseSet();
                case "unset":
                    in.advance();
                    return parseUnset();
                case "call":
                    in.advance();
                    return identities.parseCall();
                default:
                    String suggestion = Suggestions.closest(first.value(), STATEMENT_KEYWORDS);
                    if (suggestion != null) {
                        throw in.errorAt(first, "unknown statement " + in.describe(first) + ": did you mean " + suggestion + "?");
                    }
            }
        }
        throw in.expected("a statement (" + String.join(", ", STATEMENT_KEYWORDS) + ")");
    }

    private Statement parseCreate() {
        if (in.acceptWord("location")) {
            return locations.parseCreate();
        }
        if (in.acceptWord("account")) {
            return parseCreateAccount();
        }
        if (in.acceptWord("service")) {
            return identities.parseCreateServiceAccount();
        }
        PrincipalKind kind = principalKind("CREATE");
        boolean ifNotExists = ifNotExists(in);
        Identifier name = in.identifier(kind == PrincipalKind.ROLE ? "a role name" : "a user name");
        return kind == PrincipalKind.USER ? identities.finishCreateUser(name, ifNotExists) : new CreatePrincipal(kind, name, ifNotExists);
    }

    private Statement parseDrop() {
        if (in.acceptWord("location")) {
            return locations.parseDrop();
        }
        if (in.acceptWord("account")) {
            boolean ifExists = ifExists(in);
            return new DropAccount(in.identifier("an account name"), ifExists);
        }
        if (in.acceptWord("service")) {
            return identities.parseDropServiceAccount();
        }
        PrincipalKind kind = principalKind("DROP");
        boolean ifExists = ifExists(in);
        return new DropPrincipal(kind, in.identifier(kind == PrincipalKind.ROLE ? "a role name" : "a user name"), ifExists);
    }

    private PrincipalKind principalKind(String verb) {
        if (in.acceptWord("role")) {
            return PrincipalKind.ROLE;
        }
        if (in.acceptWord("user")) {
            return PrincipalKind.USER;
        }
        throw in.expected("LOCATION, ROLE, USER, SERVICE ACCOUNT or ACCOUNT after " + verb);
    }

    private Statement parseAlter() {
        if (in.acceptWord("location")) {
            return locations.parseAlter();
        }
        if (!in.acceptWord("account")) {
            throw in.expected("LOCATION or ACCOUNT after ALTER");
        }
        boolean ifExists = ifExists(in);
        Identifier name = in.identifier("an account name");
        if (in.acceptWord("reseal")) {
            in.expectWord("locations", "after RESEAL");
            return new ResealLocations(name, ifExists);
        }
        in.expectWord("set", "after the account name (SET (LLM_TOKEN_BUDGET = <tokens>), or RESEAL LOCATIONS)");
        in.expect(TokenType.LEFT_PAREN, "after SET (write SET (LLM_TOKEN_BUDGET = <tokens>))");
        Token setting = in.current();
        if (!setting.isWord("llm_token_budget")) {
            if (setting.type() == TokenType.WORD && Suggestions.closest(setting.value(), List.of("LLM_TOKEN_BUDGET")) != null) {
                throw in.errorAt(setting, "unknown account setting " + in.describe(setting) + ": did you mean LLM_TOKEN_BUDGET?");
            }
            throw in.expected("LLM_TOKEN_BUDGET");
        }
        in.advance();
        in.expect(TokenType.EQUAL, "after LLM_TOKEN_BUDGET");
        Token budget = in.current();
        if (budget.type() != TokenType.INTEGER) {
            throw in.expected("a non-negative whole number of tokens after LLM_TOKEN_BUDGET =");
        }
        in.advance();
        long tokens = ExpressionParser.integerValue(in, budget);
        in.expect(TokenType.RIGHT_PAREN, "to close SET (");
        return new AlterAccount(name, ifExists, tokens);
    }

    private Statement parseUse() {
        if (in.isWord("database") && TokenCursor.isIdentifier(in.peek(1))) {
            in.advance();
        }
        return new UseDatabase(in.identifier("a database name"));
    }

    private Statement parseSet() {
        Identifier name = in.identifier("a setting name after SET");
        if (!in.accept(TokenType.EQUAL) && !in.acceptWord("to")) {
            throw in.expected("'=' or TO after the setting name");
        }
        return new SetSetting(name, settingValue());
    }

    /** {@code CREATE ACCOUNT [IF NOT EXISTS] name [WITH REGION = 'region']}, as Firebolt writes it. */
    private Statement parseCreateAccount() {
        boolean ifNotExists = ifNotExists(in);
        Identifier name = in.identifier("an account name");
        String region = null;
        if (in.acceptWord("with")) {
            in.expectWord("region", "after WITH (write WITH REGION = 'us-east-1')");
            in.expect(TokenType.EQUAL, "after REGION");
            region = in.expect(TokenType.STRING, "after REGION = (write the region in single quotes, such as 'us-east-1')").value();
        }
        return new CreateAccount(name, ifNotExists, region);
    }

    /** {@code UNSET name [, name ...]}. */
    private Statement parseUnset() {
        List<Identifier> names = new java.util.ArrayList<>();
        do {
            names.add(in.identifier("a setting name after UNSET"));
        }
        while (in.accept(TokenType.COMMA));
        return new UnsetSetting(names);
    }

    /** A constant, possibly signed; a bare word is taken as text, as clients write {@code SET time_zone = UTC}. */
    private Literal settingValue() {
        Token token = in.current();
        boolean negative = token.type() == TokenType.MINUS;
        if (negative || token.type() == TokenType.PLUS) {
            in.advance();
            token = in.current();
            if (token.type() != TokenType.INTEGER && token.type() != TokenType.DECIMAL) {
                throw in.expected("a number after the sign");
            }
        }
        switch (token.type()) {
            case STRING:
                in.advance();
                return new StringLiteral(token.value());
            case INTEGER: {
                in.advance();
                Token signed = negative ? new Token(TokenType.INTEGER, token.start(), token.end(), "-" + token.value()) : token;
                return new IntegerLiteral(ExpressionParser.integerValue(in, signed));
            }
            case DECIMAL: {
                in.advance();
                double value = Double.parseDouble(token.value());
                if (Double.isInfinite(value)) {
                    throw in.errorAt(token, "number " + in.describe(token) + " is out of range of DOUBLE");
                }
                return new DoubleLiteral(negative ? -value : value);
            }
            case WORD:
                if (token.isWord("true") || token.isWord("false")) {
                    in.advance();
                    return token.isWord("true") ? BooleanLiteral.TRUE : BooleanLiteral.FALSE;
                }
                if (token.isWord("null")) {
                    in.advance();
                    return NullLiteral.INSTANCE;
                }
                if (!ReservedWords.isReserved(token.value())) {
                    in.advance();
                    return new StringLiteral(in.rawText(token));
                }
                break;
            default:
                break;
        }
        throw in.expected("a value (a quoted string, a number, TRUE, FALSE or NULL)");
    }

    static boolean ifNotExists(TokenCursor in) {
        if (in.acceptWord("if")) {
            in.expectWord("not", "after IF");
            in.expectWord("exists", "after IF NOT");
            return true;
        }
        return false;
    }

    static boolean ifExists(TokenCursor in) {
        if (in.acceptWord("if")) {
            in.expectWord("exists", "after IF");
            return true;
        }
        return false;
    }

    static boolean atStatementEnd(TokenCursor in) {
        return in.is(TokenType.END) || in.is(TokenType.SEMICOLON);
    }
}
