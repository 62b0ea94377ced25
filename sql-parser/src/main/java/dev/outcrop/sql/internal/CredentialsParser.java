package dev.outcrop.sql.internal;

import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.location.RoleCredentials;

import java.util.EnumMap;
import java.util.Map;

/**
 * Reads {@code ( KEY = 'value' ... )} or {@code { ... }} after {@code CREDENTIALS =} and checks it
 * holds exactly one credential shape. {@link SecretMasking} has starred the values out of every excerpt
 * before parsing began, and while the clause is read, found tokens are described by kind, never by
 * text: messages name keys only.
 */
final class CredentialsParser {

    private static final String SHAPES = "give either AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and optionally "
            + "AWS_SESSION_TOKEN), or AWS_ROLE_ARN (and optionally AWS_ROLE_EXTERNAL_ID)";

    private final TokenCursor in;

    CredentialsParser(TokenCursor in) {
        this.in = in;
    }

    LocationCredentials parse() {
        in.setSecretContext(true);
        try {
            return parseBlock();
        }
        finally {
            in.setSecretContext(false);
        }
    }

    private LocationCredentials parseBlock() {
        Token open = in.current();
        TokenType close;
        if (open.type() == TokenType.LEFT_PAREN) {
            close = TokenType.RIGHT_PAREN;
        }
        else if (open.type() == TokenType.LEFT_BRACE) {
            close = TokenType.RIGHT_BRACE;
        }
        else {
            throw in.expected("'(' to start the CREDENTIALS list");
        }
        in.advance();
        Map<CredentialKey, String> values = new EnumMap<>(CredentialKey.class);
        Map<CredentialKey, Token> keyTokens = new EnumMap<>(CredentialKey.class);
        while (!in.is(close)) {
            if (!values.isEmpty()) {
                // Firebolt separates the pairs with white space; a comma is accepted too.
                if (in.accept(TokenType.COMMA) && in.is(close)) {
                    throw in.errorAtCurrent("expected a credential key after ',' but found '" + close.symbol()
                            + "': remove the trailing comma");
                }
            }
            Token keyToken = in.current();
            CredentialKey key = readKey(keyToken, values.isEmpty(), close);
            if (values.containsKey(key)) {
                throw in.errorAt(keyToken, key + " is given twice: give each credential key once");
            }
            checkShapeNotMixed(key, keyToken, keyTokens);
            in.expect(TokenType.EQUAL, "after " + key);
            Token valueToken = in.current();
            if (valueToken.type() != TokenType.STRING) {
                throw in.errorAt(valueToken, "expected a quoted string as the value of " + key + " but found "
                        + in.describe(valueToken) + ": write " + key + " = '...'");
            }
            in.advance();
            String value = valueToken.value();
            if (value.isEmpty()) {
                throw in.errorAt(valueToken, key + " is empty: " + emptyValueAdvice(key));
            }
            if (key == CredentialKey.AWS_ROLE_ARN && !RoleCredentials.isRoleArn(value)) {
                throw in.errorAt(valueToken, "AWS_ROLE_ARN is not an IAM role ARN: expected the form "
                        + RoleCredentials.EXPECTED_FORM);
            }
            values.put(key, value);
            keyTokens.put(key, keyToken);
        }
        Token closeToken = in.current();
        if (values.isEmpty()) {
            throw in.errorAt(closeToken, "CREDENTIALS is empty: " + SHAPES);
        }
        LocationCredentials credentials = build(values, closeToken);
        in.advance();
        return credentials;
    }

    private CredentialKey readKey(Token keyToken, boolean first, TokenType close) {
        if (keyToken.type() == TokenType.WORD) {
            CredentialKey key = CredentialKey.fromWord(keyToken.value());
            if (key != null) {
                in.advance();
                return key;
            }
            String suggestion = Suggestions.closest(keyToken.value(), CredentialKey.NAMES);
            if (suggestion != null) {
                String written = in.describeWord(keyToken);
                throw in.errorAt(keyToken, "unknown credential key " + written + ": did you mean " + suggestion + "?");
            }
        }
        if (keyToken.type() == TokenType.RIGHT_PAREN || keyToken.type() == TokenType.RIGHT_BRACE) {
            throw in.errorAt(keyToken, "expected a credential key or '" + close.symbol() + "' to close CREDENTIALS but found "
                    + in.describe(keyToken));
        }
        String found = in.describe(keyToken);
        throw in.errorAt(keyToken, "expected a credential key (" + String.join(", ", CredentialKey.NAMES)
                + ")" + (first ? "" : " or '" + close.symbol() + "'") + " but found " + found);
    }

    private void checkShapeNotMixed(CredentialKey key, Token keyToken, Map<CredentialKey, Token> seen) {
        for (CredentialKey other : seen.keySet()) {
            if (other.isAccessKeyShape() != key.isAccessKeyShape()) {
                throw in.errorAt(keyToken, "CREDENTIALS mixes an access key and a role: " + key
                        + " cannot be given with " + other + "; " + SHAPES);
            }
        }
    }

    private LocationCredentials build(Map<CredentialKey, String> values, Token closeToken) {
        if (values.containsKey(CredentialKey.AWS_ROLE_ARN)) {
            return new RoleCredentials(values.get(CredentialKey.AWS_ROLE_ARN), values.get(CredentialKey.AWS_ROLE_EXTERNAL_ID));
        }
        if (values.containsKey(CredentialKey.AWS_ROLE_EXTERNAL_ID)) {
            throw in.errorAt(closeToken, "AWS_ROLE_EXTERNAL_ID needs AWS_ROLE_ARN: add the ARN of the role to assume");
        }
        boolean hasKeyId = values.containsKey(CredentialKey.AWS_ACCESS_KEY_ID);
        boolean hasSecret = values.containsKey(CredentialKey.AWS_SECRET_ACCESS_KEY);
        if (!hasKeyId && !hasSecret) {
            throw in.errorAt(closeToken, "AWS_SESSION_TOKEN needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: "
                    + "add the temporary key pair the token belongs to");
        }
        if (!hasSecret) {
            throw in.errorAt(closeToken, "CREDENTIALS has AWS_ACCESS_KEY_ID but no AWS_SECRET_ACCESS_KEY: give both halves of the key pair");
        }
        if (!hasKeyId) {
            throw in.errorAt(closeToken, "CREDENTIALS has AWS_SECRET_ACCESS_KEY but no AWS_ACCESS_KEY_ID: give both halves of the key pair");
        }
        return new AccessKeyCredentials(values.get(CredentialKey.AWS_ACCESS_KEY_ID),
                values.get(CredentialKey.AWS_SECRET_ACCESS_KEY), values.get(CredentialKey.AWS_SESSION_TOKEN));
    }

    private static String emptyValueAdvice(CredentialKey key) {
        return switch (key) {
            case AWS_ACCESS_KEY_ID -> "give the access key id of the AWS identity to call Bedrock as";
            case AWS_SECRET_ACCESS_KEY -> "give the secret access key that belongs to AWS_ACCESS_KEY_ID";
            case AWS_SESSION_TOKEN -> "leave it out for long-term keys";
            case AWS_ROLE_ARN -> "give the role's ARN, of the form " + RoleCredentials.EXPECTED_FORM;
            case AWS_ROLE_EXTERNAL_ID -> "leave it out when the role's trust policy demands none";
        };
    }
}
