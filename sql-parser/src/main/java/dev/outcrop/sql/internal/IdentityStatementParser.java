package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.Literal;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.statement.CallProcedure;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.CreateServiceAccount;
import dev.outcrop.core.statement.DropServiceAccount;
import dev.outcrop.core.statement.PrincipalKind;
import dev.outcrop.core.statement.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Service accounts, as Firebolt writes them: {@code CREATE SERVICE ACCOUNT}, {@code DROP SERVICE ACCOUNT},
 * {@code CREATE USER ... WITH SERVICE_ACCOUNT = sa}, and {@code CALL procedure(...)}. The leading keywords
 * (CREATE, DROP, CALL) have been read.
 */
final class IdentityStatementParser {

    private final TokenCursor in;

    IdentityStatementParser(TokenCursor in) {
        this.in = in;
    }

    /** After CREATE SERVICE: {@code ACCOUNT [IF NOT EXISTS] name [WITH DESCRIPTION = 'text' | IS_ORGANIZATION_ADMIN = FALSE ...]}. */
    Statement parseCreateServiceAccount() {
        in.expectWord("account", "after CREATE SERVICE");
        boolean ifNotExists = ScriptParser.ifNotExists(in);
        Identifier name = in.identifier("a service account name");
        String description = null;
        if (in.acceptWord("with")) {
            do {
                Token option = in.current();
                if (option.isWord("description")) {
                    in.advance();
                    in.expect(TokenType.EQUAL, "after DESCRIPTION");
                    description = in.expect(TokenType.STRING, "after DESCRIPTION = (write the description in single quotes)").value();
                }
                else if (option.isWord("is_organization_admin")) {
                    in.advance();
                    in.expect(TokenType.EQUAL, "after IS_ORGANIZATION_ADMIN");
                    if (!in.acceptWord("false")) {
                        throw in.errorAtCurrent("IS_ORGANIZATION_ADMIN = TRUE is not supported: Outcrop has no organisation level;"
                                + " make the service account's user a member of account_admin instead");
                    }
                }
                else if (option.isWord("network_policy") || option.isWord("connection_preference")) {
                    throw in.errorAt(option, in.describe(option) + " is not supported by Outcrop: remove it (only DESCRIPTION is kept)");
                }
                else {
                    throw in.expected("DESCRIPTION = '<text>' after WITH");
                }
            }
            while (!ScriptParser.atStatementEnd(in));
        }
        return new CreateServiceAccount(name, ifNotExists, description);
    }

    /** After DROP SERVICE: {@code ACCOUNT [IF EXISTS] name}. */
    Statement parseDropServiceAccount() {
        in.expectWord("account", "after DROP SERVICE");
        boolean ifExists = ScriptParser.ifExists(in);
        return new DropServiceAccount(in.identifier("a service account name"), ifExists);
    }

    /** The rest of {@code CREATE USER name} after the name: {@code [WITH SERVICE_ACCOUNT = sa]}. */
    CreatePrincipal finishCreateUser(Identifier name, boolean ifNotExists) {
        if (!in.acceptWord("with")) {
            return new CreatePrincipal(PrincipalKind.USER, name, ifNotExists);
        }
        Token option = in.current();
        if (!option.isWord("service_account")) {
            throw in.errorAt(option, "expected SERVICE_ACCOUNT = <service account> after WITH but found " + in.describe(option)
                    + (option.isWord("login") || option.isWord("default_database") || option.isWord("default_engine") || option.isWord("role")
                    ? ": Outcrop has no logins, databases or engines to set here, only SERVICE_ACCOUNT" : ""));
        }
        in.advance();
        in.expect(TokenType.EQUAL, "after SERVICE_ACCOUNT");
        return new CreatePrincipal(PrincipalKind.USER, name, ifNotExists, in.identifier("a service account name after SERVICE_ACCOUNT ="));
    }

    /** After CALL: {@code name(constant, ...)}. */
    Statement parseCall() {
        Identifier procedure = in.identifier("a procedure name after CALL, such as fb_GENERATESERVICEACCOUNTKEY");
        in.expect(TokenType.LEFT_PAREN, "after the procedure name");
        List<Literal> arguments = new ArrayList<>();
        if (!in.accept(TokenType.RIGHT_PAREN)) {
            do {
                arguments.add(constant());
            }
            while (in.accept(TokenType.COMMA));
            in.expect(TokenType.RIGHT_PAREN, "to close the procedure's arguments");
        }
        return new CallProcedure(procedure, arguments);
    }

    private Literal constant() {
        Token token = in.current();
        switch (token.type()) {
            case STRING:
                in.advance();
                return new StringLiteral(token.value());
            case INTEGER:
                in.advance();
                return new IntegerLiteral(ExpressionParser.integerValue(in, token));
            case WORD:
                if (token.isWord("true") || token.isWord("false")) {
                    in.advance();
                    return token.isWord("true") ? BooleanLiteral.TRUE : BooleanLiteral.FALSE;
                }
                if (token.isWord("null")) {
                    in.advance();
                    return NullLiteral.INSTANCE;
                }
                break;
            default:
                break;
        }
        throw in.expected("a constant argument (a quoted string, a whole number, TRUE, FALSE or NULL)");
    }
}
