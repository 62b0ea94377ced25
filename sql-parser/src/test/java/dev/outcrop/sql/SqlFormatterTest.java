package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.expression.BinaryExpression;
import dev.outcrop.core.expression.BinaryOperator;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.UnaryExpression;
import dev.outcrop.core.expression.UnaryOperator;
import dev.outcrop.core.statement.Statement;

import org.junit.jupiter.api.Test;

final class SqlFormatterTest {

    private final SqlParser parser = SqlParser.create();

    private String reformat(String sql) {
        return SqlFormatter.format(parser.parseStatement(sql));
    }

    @Test
    void format_createLocationWithKeys_writesCanonicalOneLineSql() {
        assertThat(reformat("""
                create location Bedrock_Keys with
                  source = 'amazon_bedrock'
                  credentials = { aws_access_key_id = 'AKIA' aws_secret_access_key = 'it''s secret' }
                  description = 'team' region = 'eu-west-1'"""))
                .isEqualTo("CREATE LOCATION bedrock_keys WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = "
                        + "(AWS_ACCESS_KEY_ID = 'AKIA' AWS_SECRET_ACCESS_KEY = 'it''s secret') "
                        + "DESCRIPTION = 'team' REGION = 'eu-west-1'");
    }

    @Test
    void formatMasked_createLocationWithRole_replacesEveryCredentialValue() {
        Statement statement = parser.parseStatement("CREATE LOCATION IF NOT EXISTS r WITH SOURCE = AMAZON_BEDROCK "
                + "CREDENTIALS = (AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' AWS_ROLE_EXTERNAL_ID = 'x-1')");

        assertThat(SqlFormatter.formatMasked(statement)).isEqualTo("CREATE LOCATION IF NOT EXISTS r WITH SOURCE = AMAZON_BEDROCK "
                + "CREDENTIALS = (AWS_ROLE_ARN = '****' AWS_ROLE_EXTERNAL_ID = '****')");
    }

    @Test
    void formatMasked_alterLocationSetCredentials_replacesEveryCredentialValue() {
        Statement statement = parser.parseStatement("ALTER LOCATION l SET CREDENTIALS TO (AWS_ACCESS_KEY_ID = 'AKIA' "
                + "AWS_SECRET_ACCESS_KEY = 's' AWS_SESSION_TOKEN = 't')");

        assertThat(SqlFormatter.formatMasked(statement)).isEqualTo("ALTER LOCATION l SET CREDENTIALS = "
                + "(AWS_ACCESS_KEY_ID = '****' AWS_SECRET_ACCESS_KEY = '****' AWS_SESSION_TOKEN = '****')");
    }

    @Test
    void format_namesThatNeedQuoting_areQuoted() {
        assertThat(reformat("SELECT \"Select\", \"from\", \"a\"\"b\", \"1st\", plain_1 AS \"Alias\" FROM \"Db\".t"))
                .isEqualTo("SELECT \"Select\", \"from\", \"a\"\"b\", \"1st\", plain_1 AS \"Alias\" FROM \"Db\".t");
    }

    @Test
    void format_expressionPrecedence_addsOnlyTheNeededParentheses() {
        assertThat(SqlFormatter.format(parser.parseExpression("(a + b) * c - (d - e) || 'x'")))
                .isEqualTo("(a + b) * c - (d - e) || 'x'");
        assertThat(SqlFormatter.format(parser.parseExpression("NOT (a = b) AND (c OR d) AND e IS NOT NULL")))
                .isEqualTo("NOT a = b AND (c OR d) AND e IS NOT NULL");
        assertThat(SqlFormatter.format(parser.parseExpression("(NOT a) IS NULL")))
                .isEqualTo("(NOT a) IS NULL");
    }

    @Test
    void format_doubleNegation_keepsASpaceSoItIsNotAComment() {
        Expression expression = new UnaryExpression(UnaryOperator.NEGATE,
                new UnaryExpression(UnaryOperator.NEGATE, new IntegerLiteral(1)));

        assertThat(SqlFormatter.format(expression)).isEqualTo("- -1");
        assertThat(parser.parseExpression(SqlFormatter.format(expression))).isEqualTo(expression);
    }

    @Test
    void format_castsAndTypes_useCastSyntaxAndCanonicalTypeNames() {
        assertThat(SqlFormatter.format(parser.parseExpression("x::varchar || CAST(y AS int8[]) || z::array(float)")))
                .isEqualTo("CAST(x AS TEXT) || CAST(y AS ARRAY(BIGINT)) || CAST(z AS ARRAY(DOUBLE))");
    }

    @Test
    void format_rightNestedSubtraction_keepsItsParentheses() {
        Expression expression = new BinaryExpression(BinaryOperator.SUBTRACT, new IntegerLiteral(1),
                new BinaryExpression(BinaryOperator.SUBTRACT, new IntegerLiteral(2), new IntegerLiteral(3)));

        assertThat(SqlFormatter.format(expression)).isEqualTo("1 - (2 - 3)");
    }

    @Test
    void format_otherStatements_writeTheirCanonicalForms() {
        assertThat(reformat("grant role analyst to user Bob")).isEqualTo("GRANT ROLE analyst TO USER bob");
        assertThat(reformat("revoke role analyst from role other")).isEqualTo("REVOKE ROLE analyst FROM USER other");
        assertThat(reformat("alter account if exists acme set ( llm_token_budget = 0 )"))
                .isEqualTo("ALTER ACCOUNT IF EXISTS acme SET (LLM_TOKEN_BUDGET = 0)");
        assertThat(reformat("alter account acme reseal locations")).isEqualTo("ALTER ACCOUNT acme RESEAL LOCATIONS");
        assertThat(reformat("use database Analytics")).isEqualTo("USE DATABASE analytics");
        assertThat(reformat("set time_zone to 'UTC'")).isEqualTo("SET time_zone = 'UTC'");
        assertThat(reformat("drop user if exists u")).isEqualTo("DROP USER IF EXISTS u");
        assertThat(reformat("create user if not exists u")).isEqualTo("CREATE USER IF NOT EXISTS u");
        assertThat(reformat("alter location l owner to r")).isEqualTo("ALTER LOCATION l OWNER TO r");
        assertThat(reformat("alter location l set url to 's3://b/p/'")).isEqualTo("ALTER LOCATION l SET URL = 's3://b/p/'");
        assertThat(reformat("alter location l set description = 'd'")).isEqualTo("ALTER LOCATION l SET DESCRIPTION = 'd'");
        assertThat(reformat("select * from t where a limit 10")).isEqualTo("SELECT * FROM t WHERE a LIMIT 10");
    }

    @Test
    void format_identifierThatIsAReservedWord_isQuotedAndReadsBack() {
        Statement statement = new dev.outcrop.core.statement.UseDatabase(Identifier.of("select"));

        assertThat(SqlFormatter.format(statement)).isEqualTo("USE DATABASE \"select\"");
        assertThat(parser.parseStatement(SqlFormatter.format(statement))).isEqualTo(statement);
    }
}
