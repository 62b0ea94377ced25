package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.SqlSyntaxException;

import org.junit.jupiter.api.Test;

/** Wrong statements, each pinned to its exact position and message: these are what users read. */
final class SyntaxErrorMessageTest {

    private static final String BEDROCK = "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK ";
    private static final String ARN = "arn:aws:iam::123456789012:role/BedrockAccess";

    private final SqlParser parser = SqlParser.create();

    private SqlSyntaxException error(String sql) {
        SqlSyntaxException error = catchThrowableOfType(SqlSyntaxException.class, () -> parser.parseScript(sql));
        assertThat(error).as("a syntax error for: %s", sql).isNotNull();
        assertThat(error.errorCode()).isEqualTo(OutcropErrorCode.SQL_SYNTAX_ERROR.toErrorCode());
        return error;
    }

    private void assertError(String sql, int line, int column, String detail) {
        SqlSyntaxException error = error(sql);
        assertThat(error.detail()).isEqualTo(detail);
        assertThat(error.line()).as("line").isEqualTo(line);
        assertThat(error.column()).as("column").isEqualTo(column);
        assertThat(error.getMessage()).startsWith("line " + line + ":" + column + ": " + detail + "\n");
        assertThat(error.excerpt()).endsWith("^");
    }

    @Test
    void missingEquals_afterSource() {
        assertError("CREATE LOCATION x WITH SOURCE AMAZON_BEDROCK", 1, 31, "expected '=' after SOURCE but found 'AMAZON_BEDROCK'");
    }

    @Test
    void missingEquals_afterCredentials_fullMessageHasCaretExcerpt() {
        SqlSyntaxException error = error("CREATE LOCATION bedrock_role WITH\n  SOURCE = AMAZON_BEDROCK\n"
                + "  CREDENTIALS (AWS_ROLE_ARN = '" + ARN + "')");

        assertThat(error.getMessage()).isEqualTo("""
                line 3:15: expected '=' after CREDENTIALS but found '('
                  CREDENTIALS (AWS_ROLE_ARN = '********************************************')
                              ^""");
    }

    @Test
    void missingEquals_afterCredentialKey() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ROLE_ARN '" + ARN + "')", 1, 76,
                "expected '=' after AWS_ROLE_ARN but found a string literal");
    }

    @Test
    void unterminatedString() {
        SqlSyntaxException error = error("SELECT AI_QUERY('m', 'loc', 'What is AWS?)");

        assertThat(error.getMessage()).isEqualTo("""
                line 1:29: unterminated string literal: close it with '
                SELECT AI_QUERY('m', 'loc', 'What is AWS?)
                                            ^""");
    }

    @Test
    void unterminatedDollarQuotedString() {
        assertError("SELECT AWS_BEDROCK_AI_QUERY('m',\n  $${\"messages\":[]}, 'loc')", 2, 3,
                "unterminated dollar-quoted string: close it with $$");
    }

    @Test
    void unterminatedQuotedIdentifier() {
        assertError("SELECT \"review FROM t", 1, 8, "unterminated quoted identifier: close it with \"");
    }

    @Test
    void unterminatedBlockComment() {
        assertError("SELECT 1 /* never closed", 1, 10, "unterminated comment: close it with */");
    }

    @Test
    void misspeltCredentialKey_suggestsTheRightOne() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ACCESS_KEY_ID = 'AKIAEXAMPLE' AWS_SECRET_ACCES_KEY = 'wJalrEXAMPLE')", 1, 97,
                "unknown credential key 'AWS_SECRET_ACCES_KEY': did you mean AWS_SECRET_ACCESS_KEY?");
    }

    @Test
    void unknownCredentialKey_withoutNearMatch_listsTheKeys() {
        assertError(BEDROCK + "CREDENTIALS = (PASSWORD = 'x')", 1, 63, "expected a credential key (AWS_ACCESS_KEY_ID, "
                + "AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_ROLE_ARN, AWS_ROLE_EXTERNAL_ID) but found a name");
    }

    @Test
    void bothCredentialShapes_areRefusedAtTheSecondShape() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ROLE_ARN = '" + ARN + "' AWS_SECRET_ACCESS_KEY = 's')", 1, 125,
                "CREDENTIALS mixes an access key and a role: AWS_SECRET_ACCESS_KEY cannot be given with AWS_ROLE_ARN; "
                        + "give either AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and optionally AWS_SESSION_TOKEN), "
                        + "or AWS_ROLE_ARN (and optionally AWS_ROLE_EXTERNAL_ID)");
    }

    @Test
    void missingSecretHalfOfKeyPair() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ACCESS_KEY_ID = 'AKIAEXAMPLE')", 1, 96,
                "CREDENTIALS has AWS_ACCESS_KEY_ID but no AWS_SECRET_ACCESS_KEY: give both halves of the key pair");
    }

    @Test
    void missingKeyIdHalfOfKeyPair() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_SECRET_ACCESS_KEY = 's' AWS_SESSION_TOKEN = 't')", 1, 114,
                "CREDENTIALS has AWS_SECRET_ACCESS_KEY but no AWS_ACCESS_KEY_ID: give both halves of the key pair");
    }

    @Test
    void sessionTokenWithoutKeys() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_SESSION_TOKEN = 't')", 1, 86, "AWS_SESSION_TOKEN needs AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY: add the temporary key pair the token belongs to");
    }

    @Test
    void externalIdWithoutRole() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ROLE_EXTERNAL_ID = 'e')", 1, 89,
                "AWS_ROLE_EXTERNAL_ID needs AWS_ROLE_ARN: add the ARN of the role to assume");
    }

    @Test
    void repeatedCredentialKey() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ROLE_ARN = '" + ARN + "'\n AWS_ROLE_ARN = '" + ARN + "')", 2, 2,
                "AWS_ROLE_ARN is given twice: give each credential key once");
    }

    @Test
    void emptyCredentialValue() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ACCESS_KEY_ID = 'k' AWS_SECRET_ACCESS_KEY = '')", 1, 111,
                "AWS_SECRET_ACCESS_KEY is empty: give the secret access key that belongs to AWS_ACCESS_KEY_ID");
    }

    @Test
    void malformedRoleArn_showsTheExpectedForm() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ROLE_ARN = 'arn:aws:iam::1234:role/x')", 1, 78,
                "AWS_ROLE_ARN is not an IAM role ARN: expected the form arn:<partition>:iam::<12-digit account id>:role/<role name>");
    }

    @Test
    void unquotedCredentialValue_isNotEchoed() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ACCESS_KEY_ID = AKIAEXAMPLE AWS_SECRET_ACCESS_KEY = 's')", 1, 83,
                "expected a quoted string as the value of AWS_ACCESS_KEY_ID but found a name: write AWS_ACCESS_KEY_ID = '...'");
    }

    @Test
    void emptyCredentialsList() {
        assertError(BEDROCK + "CREDENTIALS = {}", 1, 63, "CREDENTIALS is empty: give either AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY (and optionally AWS_SESSION_TOKEN), or AWS_ROLE_ARN (and optionally AWS_ROLE_EXTERNAL_ID)");
    }

    @Test
    void mismatchedCredentialsBracket() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ACCESS_KEY_ID = 'k' AWS_SECRET_ACCESS_KEY = 's'}", 1, 114,
                "expected a credential key or ')' to close CREDENTIALS but found '}'");
    }

    @Test
    void strayCommaAtEndOfCredentials() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ACCESS_KEY_ID = 'k', AWS_SECRET_ACCESS_KEY = 's',)", 1, 116,
                "expected a credential key after ',' but found ')': remove the trailing comma");
    }

    @Test
    void strayCommaBeforeFrom() {
        assertError("SELECT location_name, FROM information_schema.locations", 1, 23,
                "expected an expression after ',' but found 'FROM': remove the trailing comma");
    }

    @Test
    void strayCommaInArguments() {
        assertError("SELECT AI_QUERY('m', 'p', )", 1, 27, "expected an argument after ',' but found ')': remove the trailing comma");
    }

    @Test
    void unknownStatement_suggestsTheKeyword() {
        assertError("SELEC 1", 1, 1, "unknown statement 'SELEC': did you mean SELECT?");
    }

    @Test
    void unknownStatement_withoutNearMatch_listsTheStatements() {
        assertError("EXPLAIN SELECT 1", 1, 1,
                "expected a statement (SELECT, CREATE, ALTER, DROP, GRANT, REVOKE, USE, SET, UNSET, CALL) but found 'EXPLAIN'");
    }

    @Test
    void createOfUnsupportedObject() {
        assertError("CREATE TABLE t (a INT)", 1, 8, "expected LOCATION, ROLE, USER, SERVICE ACCOUNT or ACCOUNT after CREATE but found 'TABLE'");
    }

    @Test
    void misspeltLocationOption_suggestsTheOption() {
        assertError(BEDROCK + "CREDENTIAL = (AWS_ROLE_ARN = '" + ARN + "')", 1, 48,
                "unknown option 'CREDENTIAL' in CREATE LOCATION: did you mean CREDENTIALS?");
    }

    @Test
    void unknownSource() {
        assertError("CREATE LOCATION x WITH SOURCE = 'AMAZON_BEDROCKS'", 1, 33,
                "unknown SOURCE 'AMAZON_BEDROCKS': expected AMAZON_BEDROCK, AMAZON_S3 or CLOUD_STORAGE");
    }

    @Test
    void veryLongUnknownSource_isCutInTheMessage() {
        assertError("CREATE LOCATION x WITH SOURCE = '" + "S".repeat(1000) + "'", 1, 33,
                "unknown SOURCE '" + "S".repeat(40) + "...': expected AMAZON_BEDROCK, AMAZON_S3 or CLOUD_STORAGE");
    }

    @Test
    void missingSource() {
        assertError("CREATE LOCATION x WITH CREDENTIALS = (AWS_ROLE_ARN = '" + ARN + "');", 1, 101,
                "CREATE LOCATION needs SOURCE: add SOURCE = AMAZON_BEDROCK");
    }

    @Test
    void missingCredentials() {
        assertError(BEDROCK.strip(), 1, 47, "CREATE LOCATION needs CREDENTIALS: add CREDENTIALS = (AWS_ROLE_ARN = '...') "
                + "or CREDENTIALS = (AWS_ACCESS_KEY_ID = '...' AWS_SECRET_ACCESS_KEY = '...')");
    }

    @Test
    void optionGivenTwice() {
        assertError(BEDROCK + "DESCRIPTION = 'a' DESCRIPTION = 'b'", 1, 66, "DESCRIPTION is given twice: give each option once");
    }

    @Test
    void urlOnBedrockLocation() {
        assertError(BEDROCK + "CREDENTIALS = (AWS_ROLE_ARN = '" + ARN + "') URL = 's3://b/'", 1, 126,
                "URL does not apply to SOURCE = AMAZON_BEDROCK: remove it");
    }

    @Test
    void storageLocationWithoutUrl() {
        assertError("CREATE LOCATION x WITH SOURCE = AMAZON_S3 CREDENTIALS = (AWS_ROLE_ARN = '" + ARN + "')", 1, 120,
                "SOURCE = AMAZON_S3 needs a URL: add URL = 's3://<bucket>/<path>'");
    }

    @Test
    void badRegion() {
        assertError(BEDROCK + "REGION = 'moon-1'", 1, 57, "REGION 'moon-1' is not an AWS region name: write one such as 'us-east-1'");
    }

    @Test
    void missingWithAfterLocationName() {
        assertError("CREATE LOCATION x SOURCE = AMAZON_BEDROCK", 1, 19, "expected WITH after the location name but found 'SOURCE'");
    }

    @Test
    void reservedWordAsName_suggestsQuoting() {
        assertError("DROP LOCATION select", 1, 15,
                "expected a location name but found the reserved word 'select': to use it as a name, write it in double quotes (\"select\")");
    }

    @Test
    void alterLocationWithoutAction() {
        assertError("ALTER LOCATION l SET SOURCE = AMAZON_S3", 1, 22,
                "expected CREDENTIALS, URL or DESCRIPTION after SET but found 'SOURCE'");
    }

    @Test
    void setCredentialsWithoutEqualsOrTo() {
        assertError("ALTER LOCATION l SET CREDENTIALS (AWS_ROLE_ARN = '" + ARN + "')", 1, 34,
                "expected '=' or TO after CREDENTIALS but found '('");
    }

    @Test
    void dropWithoutForce() {
        assertError("DROP LOCATION l WITH;", 1, 21, "expected FORCE after WITH but found ';'");
    }

    @Test
    void ifWithoutExists() {
        assertError("DROP LOCATION IF l", 1, 18, "expected EXISTS after IF but found 'l'");
    }

    @Test
    void misspeltTokenBudget() {
        assertError("ALTER ACCOUNT a SET (LLM_TOKEN_BUDGT = 5)", 1, 22,
                "unknown account setting 'LLM_TOKEN_BUDGT': did you mean LLM_TOKEN_BUDGET?");
    }

    @Test
    void negativeTokenBudget() {
        assertError("ALTER ACCOUNT a SET (LLM_TOKEN_BUDGET = -5)", 1, 41,
                "expected a non-negative whole number of tokens after LLM_TOKEN_BUDGET = but found '-'");
    }

    @Test
    void privilegeOnTheWrongObject() {
        assertError("GRANT USAGE ON ACCOUNT acme TO r", 1, 16, "USAGE is granted ON LOCATION, not ON ACCOUNT: "
                + "for every location of the account, write USAGE ANY LOCATION ON ACCOUNT <account>");
        assertError("GRANT USAGE ANY LOCATION ON LOCATION l TO r", 1, 29, "USAGE ANY LOCATION is granted ON ACCOUNT, not ON LOCATION");
    }

    @Test
    void unknownPrivilege() {
        assertError("GRANT SELECT ON LOCATION l TO r", 1, 7, "expected a privilege (USAGE, MODIFY, CREATE LOCATION, "
                + "USAGE ANY LOCATION, MODIFY ANY LOCATION) or ROLE after GRANT but found 'SELECT'");
    }

    @Test
    void integerOutOfRange() {
        assertError("SELECT 9223372036854775808", 1, 8, "integer '9223372036854775808' is out of range: the largest is "
                + "9223372036854775807; write it with a decimal point to make it a DOUBLE");
    }

    @Test
    void doubleOutOfRange() {
        assertError("SELECT 1e999", 1, 8, "number '1e999' is out of range of DOUBLE");
    }

    @Test
    void numberRunningIntoName() {
        assertError("SELECT 1abc", 1, 8, "a number cannot run into a name: put a space after 1, or quote the name");
    }

    @Test
    void unknownCastType() {
        assertError("SELECT CAST(a AS number)", 1, 18, "unknown type 'number': expected TEXT, INTEGER, BIGINT, DOUBLE, "
                + "BOOLEAN, TIMESTAMPTZ, ARRAY(<type>) or <type>[]");
    }

    @Test
    void unclosedCall_pointsRightAfterTheLastToken() {
        assertError("SELECT AI_QUERY('m', 'p', 'l'\n  -- forgot the parenthesis\n", 1, 30,
                "expected ')' to close the arguments of AI_QUERY( but found end of input");
    }

    @Test
    void unequalValuesRows() {
        assertError("SELECT a FROM (VALUES (1, 2), (3)) AS t(a, b)", 1, 31,
                "this row of VALUES has 1 value but the first row has 2: give every row the same number of values");
    }

    @Test
    void caseWithoutEnd() {
        assertError("SELECT CASE WHEN a THEN 1", 1, 26, "expected WHEN, ELSE or END in CASE but found end of input");
    }

    @Test
    void doubledOperator_onALaterLine() {
        assertError("select 1\n  from t\n where a = = 1", 3, 12, "expected an expression but found '='");
    }

    @Test
    void unexpectedCharacter() {
        assertError("SELECT a # b", 1, 10, "unexpected character '#'");
    }

    @Test
    void twoStatementsWhereOneIsExpected() {
        SqlSyntaxException error = catchThrowableOfType(SqlSyntaxException.class, () -> parser.parseStatement("SELECT 1; SELECT 2"));

        assertThat(error.detail()).isEqualTo("expected the end of the statement but found 'SELECT': "
                + "one statement is expected here; send several as a script");
        assertThat(error.column()).isEqualTo(11);
    }

    @Test
    void secondStatementOfScript_reportsItsOwnLine() {
        assertError("SELECT 1;\nSELECT 2;\nDROP LOCATION;", 3, 14, "expected a location name but found ';'");
    }

    @Test
    void longLine_excerptShowsAWindowAroundTheError() {
        String sql = "SELECT " + "a + ".repeat(60) + "FROM t";
        SqlSyntaxException error = error(sql);

        assertThat(error.column()).isEqualTo(248);
        assertThat(error.excerpt()).isEqualTo("..." + sql.substring(153) + "\n" + " ".repeat(3 + 247 - 153) + "^");
    }

    @Test
    void tab_isKeptInTheCaretLineSoItLinesUp() {
        assertThat(error("\tSELECT ,").excerpt()).isEqualTo("\tSELECT ,\n\t       ^");
    }
}
