package dev.outcrop.sql;

import static dev.outcrop.sql.Sql.arg;
import static dev.outcrop.sql.Sql.call;
import static dev.outcrop.sql.Sql.col;
import static dev.outcrop.sql.Sql.id;
import static dev.outcrop.sql.Sql.ids;
import static dev.outcrop.sql.Sql.integer;
import static dev.outcrop.sql.Sql.named;
import static dev.outcrop.sql.Sql.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.expression.BinaryExpression;
import dev.outcrop.core.expression.BinaryOperator;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.IsNullPredicate;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationSource;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.statement.AlterAccount;
import dev.outcrop.core.statement.AlterLocation;
import dev.outcrop.core.statement.AlterLocationAction;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.DropLocation;
import dev.outcrop.core.statement.GrantObjectType;
import dev.outcrop.core.statement.GrantPrivilege;
import dev.outcrop.core.statement.PrincipalKind;
import dev.outcrop.core.statement.Privilege;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.RevokePrivilege;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import dev.outcrop.core.statement.Statement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every statement of the Firebolt conformance file parses, into exactly the model it means. */
final class FireboltStatementsTest {

    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/BedrockAccess";
    private static final String NOVA_REQUEST =
            "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}";

    private final SqlParser parser = SqlParser.create();

    static String conformanceScript() {
        try (InputStream in = FireboltStatementsTest.class.getResourceAsStream("firebolt-statements.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parseScript_conformanceFile_givesTheExpectedStatementsInOrder() {
        List<Statement> statements = parser.parseScript(conformanceScript());

        assertThat(statements).containsExactly(
                new CreateLocation(id("bedrock_keys"), false, LocationSource.AMAZON_BEDROCK,
                        AccessKeyCredentials.of("<aws_access_key_id>", "<aws_secret_access_key>"), null, null, null),
                new CreateLocation(id("bedrock_temp_creds"), false, LocationSource.AMAZON_BEDROCK,
                        new AccessKeyCredentials("<temporary_access_key_id>", "<temporary_secret_access_key>",
                                "<temporary_session_token>"), null, null, null),
                new CreateLocation(id("bedrock_role"), false, LocationSource.AMAZON_BEDROCK,
                        RoleCredentials.of(ROLE_ARN), null, null, null),
                new CreateLocation(id("bedrock_role_external_id"), false, LocationSource.AMAZON_BEDROCK,
                        new RoleCredentials(ROLE_ARN, "<external_id>"), null, null, null),
                new CreateLocation(id("bedrock_role"), true, LocationSource.AMAZON_BEDROCK,
                        RoleCredentials.of(ROLE_ARN), null, "Bedrock access for the analytics team", null),
                new Select(List.of(new SelectItem.SingleColumn(col("trust_policy_role"), null)),
                        new Relation.TableName(ids("org_db", "information_schema", "accounts")),
                        new BinaryExpression(BinaryOperator.EQUAL, col("account_name"), str("<account_name>")), null),
                new Select(List.of(new SelectItem.SingleColumn(call("aws_bedrock_ai_query",
                        str("amazon.nova-micro-v1:0"), str(NOVA_REQUEST), str("bedrock_role")), id("result"))),
                        null, null, null),
                new Select(List.of(new SelectItem.SingleColumn(call("aws_bedrock_ai_query",
                        str("anthropic.claude-3-haiku-20240307-v1:0"),
                        str("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"),
                        str("bedrock_keys"), BooleanLiteral.TRUE), id("result"))), null, null, null),
                new Select(List.of(new SelectItem.SingleColumn(call("ai_query",
                        str("us.meta.llama3-3-70b-instruct-v1:0"), str("What is AWS?"), str("bedrock_role")),
                        id("result"))), null, null, null),
                new Select(List.of(new SelectItem.SingleColumn(call("ai_embed_text",
                        named("model", str("amazon.titan-embed-text-v2:0")),
                        named("input_text", str("The quick brown fox")),
                        named("dimensions", integer(256)),
                        named("location", str("bedrock_role"))), null)), null, null, null),
                new Select(List.of(new SelectItem.SingleColumn(call("ai_embed_text",
                        named("model", str("amazon.titan-embed-text-v2:0")),
                        named("input_text", str("The quick brown fox")),
                        named("location", str("bedrock_role")),
                        named("null_on_error", BooleanLiteral.TRUE)), null)), null, null, null),
                manyRowsSelect(),
                new Select(ids("location_name", "source", "url", "description", "location_owner", "created", "ddl")
                        .stream().<SelectItem>map(name -> new SelectItem.SingleColumn(col(name.value()), null)).toList(),
                        new Relation.TableName(ids("information_schema", "locations")), null, null),
                new AlterLocation(id("bedrock_keys"), false, new AlterLocationAction.RenameTo(id("bedrock_keys_old"))),
                new AlterLocation(id("bedrock_keys_old"), true,
                        new AlterLocationAction.SetCredentials(new RoleCredentials(ROLE_ARN, "a-new-external-id"))),
                new DropLocation(id("bedrock_keys_old"), true, false),
                new DropLocation(id("bedrock_temp_creds"), false, true),
                new AlterAccount(id("my_account"), false, 10_000),
                new Select(List.of(new SelectItem.AllColumns()),
                        new Relation.TableName(ids("account_db", "information_schema", "quotas")), null, null),
                new CreatePrincipal(PrincipalKind.ROLE, id("data_engineer"), false),
                new GrantPrivilege(Privilege.USAGE, GrantObjectType.LOCATION, id("bedrock_role"), id("data_engineer")),
                new GrantPrivilege(Privilege.MODIFY, GrantObjectType.LOCATION, id("bedrock_role"), id("data_engineer")),
                new GrantPrivilege(Privilege.CREATE_LOCATION, GrantObjectType.ACCOUNT, id("my_account"), id("data_engineer")),
                new GrantPrivilege(Privilege.USAGE_ANY_LOCATION, GrantObjectType.ACCOUNT, id("my_account"), id("data_engineer")),
                new RevokePrivilege(Privilege.MODIFY, GrantObjectType.LOCATION, id("bedrock_role"), id("data_engineer")));
    }

    private static Select manyRowsSelect() {
        String requestHead = "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Sentiment of: ";
        String requestTail = "\"}]}]}";
        FunctionCall query = call("aws_bedrock_ai_query",
                arg(str("amazon.nova-micro-v1:0")),
                arg(new BinaryExpression(BinaryOperator.CONCAT,
                        new BinaryExpression(BinaryOperator.CONCAT, str(requestHead), col("review")), str(requestTail))),
                arg(str("bedrock_role")),
                arg(BooleanLiteral.TRUE));
        return new Select(
                List.of(new SelectItem.SingleColumn(col("review_id"), null), new SelectItem.SingleColumn(query, id("sentiment"))),
                new Relation.Values(List.of(List.of(integer(1), str("Great product")), List.of(integer(2), str("Broke after a day"))),
                        id("reviews"), ids("review_id", "review")),
                new IsNullPredicate(col("review"), true),
                null);
    }

    @Test
    void parseStatement_seedCreateLocationWithKeys_readsEveryField() {
        Statement statement = parser.parseStatement("""
                CREATE LOCATION bedrock_keys WITH
                  SOURCE = AMAZON_BEDROCK
                  CREDENTIALS = (
                    AWS_ACCESS_KEY_ID = '<aws_access_key_id>'
                    AWS_SECRET_ACCESS_KEY = '<aws_secret_access_key>'
                  );
                """);

        assertThat(statement).isInstanceOfSatisfying(CreateLocation.class, create -> {
            assertThat(create.name()).isEqualTo(id("bedrock_keys"));
            assertThat(create.ifNotExists()).isFalse();
            assertThat(create.source()).isEqualTo(LocationSource.AMAZON_BEDROCK);
            assertThat(create.credentials()).isInstanceOfSatisfying(AccessKeyCredentials.class, keys -> {
                assertThat(keys.accessKeyId()).isEqualTo("<aws_access_key_id>");
                assertThat(keys.secretAccessKey()).isEqualTo("<aws_secret_access_key>");
                assertThat(keys.sessionToken()).isNull();
            });
            assertThat(create.url()).isNull();
            assertThat(create.description()).isNull();
            assertThat(create.region()).isNull();
        });
    }

    @Test
    void parseStatement_seedCreateLocationWithRole_readsEveryField() {
        Statement statement = parser.parseStatement("""
                CREATE LOCATION bedrock_role_external_id WITH
                  SOURCE = AMAZON_BEDROCK
                  CREDENTIALS = (
                    AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess'
                    AWS_ROLE_EXTERNAL_ID = '<external_id>'
                  )""");

        assertThat(statement).isInstanceOfSatisfying(CreateLocation.class, create -> {
            assertThat(create.name()).isEqualTo(id("bedrock_role_external_id"));
            assertThat(create.source()).isEqualTo(LocationSource.AMAZON_BEDROCK);
            assertThat(create.credentials()).isInstanceOfSatisfying(RoleCredentials.class, role -> {
                assertThat(role.roleArn()).isEqualTo(ROLE_ARN);
                assertThat(role.externalId()).isEqualTo("<external_id>");
            });
        });
    }

    @Test
    void parseStatement_seedBedrockQuery_readsEveryField() {
        Statement statement = parser.parseStatement("""
                SELECT AWS_BEDROCK_AI_QUERY(
                  'amazon.nova-micro-v1:0',
                  $${"schemaVersion":"messages-v1","messages":[{"role":"user","content":[{"text":"Hello"}]}]}$$,
                  'bedrock_role'
                ) AS result;""");

        assertThat(statement).isInstanceOfSatisfying(Select.class, select -> {
            assertThat(select.from()).isNull();
            assertThat(select.where()).isNull();
            assertThat(select.limit()).isNull();
            assertThat(select.items()).hasSize(1);
            SelectItem.SingleColumn item = (SelectItem.SingleColumn) select.items().get(0);
            assertThat(item.alias()).isEqualTo(id("result"));
            FunctionCall callExpression = (FunctionCall) item.expression();
            assertThat(callExpression.name()).isEqualTo(id("aws_bedrock_ai_query"));
            assertThat(callExpression.arguments()).extracting(argument -> argument.isNamed()).containsOnly(false);
            assertThat(callExpression.arguments()).extracting(argument -> argument.value()).containsExactly(
                    str("amazon.nova-micro-v1:0"), str(NOVA_REQUEST), str("bedrock_role"));
        });
    }
}
