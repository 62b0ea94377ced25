package dev.outcrop.sql;

import static dev.outcrop.sql.Sql.col;
import static dev.outcrop.sql.Sql.id;
import static dev.outcrop.sql.Sql.ids;
import static dev.outcrop.sql.Sql.integer;
import static dev.outcrop.sql.Sql.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.DoubleLiteral;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationSource;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.statement.AlterAccount;
import dev.outcrop.core.statement.AlterLocation;
import dev.outcrop.core.statement.AlterLocationAction;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.DropPrincipal;
import dev.outcrop.core.statement.GrantObjectType;
import dev.outcrop.core.statement.GrantPrivilege;
import dev.outcrop.core.statement.GrantRole;
import dev.outcrop.core.statement.PrincipalKind;
import dev.outcrop.core.statement.Privilege;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.RevokePrivilege;
import dev.outcrop.core.statement.RevokeRole;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import dev.outcrop.core.statement.SetSetting;
import dev.outcrop.core.statement.UnsetSetting;
import dev.outcrop.core.statement.UseDatabase;

import java.util.List;

import org.junit.jupiter.api.Test;

final class StatementParsingTest {

    private static final String ARN = "arn:aws:iam::123456789012:role/BedrockAccess";

    private final SqlParser parser = SqlParser.create();

    @Test
    void parseStatement_s3LocationWithQuotedSourceAndBraces_readsUrl() {
        assertThat(parser.parseStatement("CREATE LOCATION s3_loc WITH SOURCE = 'AMAZON_S3' "
                + "CREDENTIALS = { AWS_ACCESS_KEY_ID = '1231', AWS_SECRET_ACCESS_KEY = '567' } URL = 's3://bucket/path/'"))
                .isEqualTo(new CreateLocation(id("s3_loc"), false, LocationSource.AMAZON_S3,
                        AccessKeyCredentials.of("1231", "567"), "s3://bucket/path/", null, null));
        assertThat(parser.parseStatement("CREATE LOCATION c WITH SOURCE = CLOUD_STORAGE URL = 'gs://b/' "
                + "CREDENTIALS = (AWS_ROLE_ARN = '" + ARN + "')"))
                .isEqualTo(new CreateLocation(id("c"), false, LocationSource.CLOUD_STORAGE,
                        RoleCredentials.of(ARN), "gs://b/", null, null));
    }

    @Test
    void parseStatement_createLocationOptionsInAnyOrder_readsRegionAndDescription() {
        assertThat(parser.parseStatement("CREATE LOCATION \"Mixed\" WITH REGION = 'us-west-2' DESCRIPTION = E'a\\tb' "
                + "CREDENTIALS = (AWS_ROLE_ARN = $$" + ARN + "$$) SOURCE = amazon_bedrock"))
                .isEqualTo(new CreateLocation(id("Mixed"), false, LocationSource.AMAZON_BEDROCK,
                        RoleCredentials.of(ARN), null, "a\tb", "us-west-2"));
    }

    @Test
    void parseStatement_alterLocationActions_readEachForm() {
        assertThat(parser.parseStatement("ALTER LOCATION l SET URL = 's3://x/'"))
                .isEqualTo(new AlterLocation(id("l"), false, new AlterLocationAction.SetUrl("s3://x/")));
        assertThat(parser.parseStatement("ALTER LOCATION l SET URL TO 's3://y/'"))
                .isEqualTo(new AlterLocation(id("l"), false, new AlterLocationAction.SetUrl("s3://y/")));
        assertThat(parser.parseStatement("ALTER LOCATION IF EXISTS l SET DESCRIPTION = 'd'"))
                .isEqualTo(new AlterLocation(id("l"), true, new AlterLocationAction.SetDescription("d")));
        assertThat(parser.parseStatement("ALTER LOCATION l OWNER TO \"Admin\""))
                .isEqualTo(new AlterLocation(id("l"), false, new AlterLocationAction.OwnerTo(id("Admin"))));
        assertThat(parser.parseStatement("ALTER LOCATION l SET CREDENTIALS TO (AWS_ACCESS_KEY_ID = 'k' AWS_SECRET_ACCESS_KEY = 's')"))
                .isEqualTo(new AlterLocation(id("l"), false,
                        new AlterLocationAction.SetCredentials(AccessKeyCredentials.of("k", "s"))));
    }

    @Test
    void parseStatement_principalsAndRoleGrants_readEachForm() {
        assertThat(parser.parseStatement("CREATE USER IF NOT EXISTS alice"))
                .isEqualTo(new CreatePrincipal(PrincipalKind.USER, id("alice"), true));
        assertThat(parser.parseStatement("DROP ROLE IF EXISTS data_engineer"))
                .isEqualTo(new DropPrincipal(PrincipalKind.ROLE, id("data_engineer"), true));
        assertThat(parser.parseStatement("DROP USER alice")).isEqualTo(new DropPrincipal(PrincipalKind.USER, id("alice"), false));
        assertThat(parser.parseStatement("GRANT ROLE data_engineer TO USER alice")).isEqualTo(new GrantRole(id("data_engineer"), id("alice")));
        assertThat(parser.parseStatement("GRANT ROLE data_engineer TO alice")).isEqualTo(new GrantRole(id("data_engineer"), id("alice")));
        assertThat(parser.parseStatement("REVOKE ROLE data_engineer FROM USER alice")).isEqualTo(new RevokeRole(id("data_engineer"), id("alice")));
        assertThat(parser.parseStatement("GRANT USAGE ON LOCATION l TO ROLE r"))
                .isEqualTo(new GrantPrivilege(Privilege.USAGE, GrantObjectType.LOCATION, id("l"), id("r")));
        assertThat(parser.parseStatement("REVOKE MODIFY ANY LOCATION ON ACCOUNT a FROM r"))
                .isEqualTo(new RevokePrivilege(Privilege.MODIFY_ANY_LOCATION, GrantObjectType.ACCOUNT, id("a"), id("r")));
        assertThat(parser.parseStatement("REVOKE CREATE LOCATION ON ACCOUNT a FROM role"))
                .isEqualTo(new RevokePrivilege(Privilege.CREATE_LOCATION, GrantObjectType.ACCOUNT, id("a"), id("role")));
    }

    @Test
    void parseStatement_alterAccount_readsTheBudget() {
        assertThat(parser.parseStatement("alter account if exists acme set (llm_token_budget = 0)"))
                .isEqualTo(new AlterAccount(id("acme"), true, 0));
    }

    @Test
    void parseStatement_alterAccountResealLocations() {
        assertThat(parser.parseStatement("alter account acme reseal locations"))
                .isEqualTo(new dev.outcrop.core.statement.ResealLocations(id("acme"), false));
    }

    @Test
    void parseStatement_clientSessionStatements_readNameAndValue() {
        assertThat(parser.parseStatement("USE DATABASE Analytics")).isEqualTo(new UseDatabase(id("analytics")));
        assertThat(parser.parseStatement("USE analytics")).isEqualTo(new UseDatabase(id("analytics")));
        assertThat(parser.parseStatement("SET time_zone = 'UTC'")).isEqualTo(new SetSetting(id("time_zone"), str("UTC")));
        assertThat(parser.parseStatement("SET advanced_mode=1")).isEqualTo(new SetSetting(id("advanced_mode"), integer(1)));
        assertThat(parser.parseStatement("SET x TO -2")).isEqualTo(new SetSetting(id("x"), new IntegerLiteral(-2)));
        assertThat(parser.parseStatement("SET x = -0.5")).isEqualTo(new SetSetting(id("x"), new DoubleLiteral(-0.5)));
        assertThat(parser.parseStatement("SET enable_result_cache = false"))
                .isEqualTo(new SetSetting(id("enable_result_cache"), BooleanLiteral.FALSE));
        assertThat(parser.parseStatement("SET x = NULL")).isEqualTo(new SetSetting(id("x"), NullLiteral.INSTANCE));
        assertThat(parser.parseStatement("SET time_zone = Europe_Berlin"))
                .isEqualTo(new SetSetting(id("time_zone"), str("Europe_Berlin")));
        assertThat(parser.parseStatement("CREATE ACCOUNT dev WITH REGION = 'eu-west-1'"))
                .isEqualTo(new dev.outcrop.core.statement.CreateAccount(id("dev"), false, "eu-west-1"));
        assertThat(parser.parseStatement("CREATE ACCOUNT IF NOT EXISTS dev"))
                .isEqualTo(new dev.outcrop.core.statement.CreateAccount(id("dev"), true, null));
        assertThat(parser.parseStatement("DROP ACCOUNT IF EXISTS Dev")).isEqualTo(new dev.outcrop.core.statement.DropAccount(id("dev"), true));
        assertThat(parser.parseStatement("UNSET time_zone")).isEqualTo(new UnsetSetting(java.util.List.of(id("time_zone"))));
        assertThat(parser.parseStatement("unset a, \"B\""))
                .isEqualTo(new UnsetSetting(java.util.List.of(id("a"), dev.outcrop.core.expression.Identifier.of("B"))));
    }

    @Test
    void parseStatement_selectWithImplicitAliasWhereAndLimit_readsEveryClause() {
        assertThat(parser.parseStatement("select a x, b as \"Y\", * from t where a > 1 limit 5;"))
                .isEqualTo(new Select(List.of(new SelectItem.SingleColumn(col("a"), id("x")),
                        new SelectItem.SingleColumn(col("b"), id("Y")), new SelectItem.AllColumns()),
                        new Relation.TableName(ids("t")),
                        new dev.outcrop.core.expression.BinaryExpression(dev.outcrop.core.expression.BinaryOperator.GREATER_THAN,
                                col("a"), integer(1)), 5L));
    }

    @Test
    void parseStatement_valuesWithoutColumnNames_keepsTheAlias() {
        assertThat(parser.parseStatement("SELECT * FROM (VALUES (1), (2)) t"))
                .isEqualTo(new Select(List.of(new SelectItem.AllColumns()),
                        new Relation.Values(List.of(List.of(integer(1)), List.of(integer(2))), id("t"), List.of()), null, null));
    }

    @Test
    void parseScript_severalStatementsWithCommentsAndEmptyOnes_readsEachInOrder() {
        assertThat(parser.parseScript("-- first\nUSE DATABASE d;;\n/* second */ SET a = 1;\nSELECT 1")).containsExactly(
                new UseDatabase(id("d")), new SetSetting(id("a"), integer(1)),
                new Select(List.of(new SelectItem.SingleColumn(integer(1), null)), null, null, null));
        assertThat(parser.parseScript("  -- nothing\n ; ")).isEmpty();
    }

    @Test
    void parseScript_sharedParserUsedFromManyThreads_givesTheSameStatementsEverywhere() {
        String script = FireboltStatementsTest.conformanceScript();
        List<dev.outcrop.core.statement.Statement> expected = parser.parseScript(script);

        assertThat(java.util.stream.IntStream.range(0, 200).parallel().mapToObj(i -> parser.parseScript(script)))
                .allSatisfy(statements -> assertThat(statements).isEqualTo(expected));
    }

    @Test
    void serviceLoader_findsTheParser() {
        assertThat(java.util.ServiceLoader.load(dev.outcrop.core.spi.StatementParser.class))
                .anySatisfy(found -> assertThat(found).isInstanceOf(SqlParser.class));
    }
}
