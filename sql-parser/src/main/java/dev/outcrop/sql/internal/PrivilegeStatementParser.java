package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.statement.GrantObjectType;
import dev.outcrop.core.statement.GrantPrivilege;
import dev.outcrop.core.statement.GrantRole;
import dev.outcrop.core.statement.Privilege;
import dev.outcrop.core.statement.RevokePrivilege;
import dev.outcrop.core.statement.RevokeRole;
import dev.outcrop.core.statement.Statement;

/** GRANT and REVOKE of location privileges and of roles; the keyword GRANT or REVOKE has been read. */
final class PrivilegeStatementParser {

    private static final String PRIVILEGES = "USAGE, MODIFY, CREATE LOCATION, USAGE ANY LOCATION, MODIFY ANY LOCATION";

    private final TokenCursor in;

    PrivilegeStatementParser(TokenCursor in) {
        this.in = in;
    }

    Statement parseGrant() {
        return parse(true);
    }

    Statement parseRevoke() {
        return parse(false);
    }

    private Statement parse(boolean grant) {
        String verb = grant ? "GRANT" : "REVOKE";
        String preposition = grant ? "to" : "from";
        if (in.isWord("role") && TokenCursor.isIdentifier(in.peek(1))) {
            in.advance();
            Identifier role = in.identifier("a role name after ROLE");
            in.expectWord(preposition, "after the role name");
            if (!in.acceptWord("user")) {
                in.acceptWord("role");
            }
            Identifier member = in.identifier("a user or role name");
            return grant ? new GrantRole(role, member) : new RevokeRole(role, member);
        }
        Privilege privilege = parsePrivilege(verb);
        in.expectWord("on", "after " + privilege.sql());
        Token typeToken = in.current();
        GrantObjectType objectType;
        if (typeToken.isWord("location")) {
            objectType = GrantObjectType.LOCATION;
        }
        else if (typeToken.isWord("account")) {
            objectType = GrantObjectType.ACCOUNT;
        }
        else {
            throw in.expected("LOCATION or ACCOUNT after ON");
        }
        if (privilege.objectType() != objectType) {
            throw in.errorAt(typeToken, privilege.sql() + " is granted ON " + privilege.objectType() + ", not ON " + objectType
                    + (privilege == Privilege.USAGE || privilege == Privilege.MODIFY
                    ? ": for every location of the account, write " + privilege.sql() + " ANY LOCATION ON ACCOUNT <account>"
                    : ""));
        }
        in.advance();
        Identifier objectName = in.identifier(objectType == GrantObjectType.LOCATION ? "a location name" : "an account name");
        in.expectWord(preposition, "after the " + (objectType == GrantObjectType.LOCATION ? "location" : "account") + " name");
        // Firebolt grants to roles; "TO ROLE r" and "TO USER u" are read too, when a name follows the keyword.
        if ((in.isWord("role") || in.isWord("user")) && TokenCursor.isIdentifier(in.peek(1))) {
            in.advance();
        }
        Identifier grantee = in.identifier(grant ? "a role name after TO" : "a role name after FROM");
        return grant ? new GrantPrivilege(privilege, objectType, objectName, grantee)
                : new RevokePrivilege(privilege, objectType, objectName, grantee);
    }

    private Privilege parsePrivilege(String verb) {
        Token token = in.current();
        if (token.isWord("usage") || token.isWord("modify")) {
            in.advance();
            boolean usage = token.isWord("usage");
            if (in.acceptWord("any")) {
                in.expectWord("location", "after ANY");
                return usage ? Privilege.USAGE_ANY_LOCATION : Privilege.MODIFY_ANY_LOCATION;
            }
            return usage ? Privilege.USAGE : Privilege.MODIFY;
        }
        if (token.isWord("create")) {
            in.advance();
            in.expectWord("location", "after CREATE in " + verb);
            return Privilege.CREATE_LOCATION;
        }
        throw in.expected("a privilege (" + PRIVILEGES + ") or ROLE after " + verb);
    }
}
