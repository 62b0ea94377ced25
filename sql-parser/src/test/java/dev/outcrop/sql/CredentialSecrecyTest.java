package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.outcrop.core.error.SqlSyntaxException;

import java.util.List;

import org.junit.jupiter.api.Test;

/** No error, wherever it is in or around a CREDENTIALS clause, prints a credential value. */
final class CredentialSecrecyTest {

    private static final String SECRET = "S3CR3TVALUE";

    private final SqlParser parser = SqlParser.create();

    @Test
    void errorsInAndAroundCredentials_neverPrintTheValue() {
        List<String> statements = List.of(
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIAL = (AWS_ACCESS_KEY_ID = '" + SECRET + "')",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS (AWS_ACCESS_KEY_ID = '" + SECRET + "')",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_ACESS_KEY_ID = '" + SECRET + "')",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_ACCESS_KEY_ID = '" + SECRET,
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_ACCESS_KEY_ID = " + SECRET + ")",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_ACCESS_KEY_ID " + SECRET + ")",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_ACCESS_KEY_ID = a#" + SECRET + ")",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (" + SECRET + ")",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_ACCESS_KEY_ID = '" + SECRET + "' "
                        + "AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/B')",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_ROLE_ARN = '" + SECRET + "')",
                "CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_ACCESS_KEY_ID = '" + SECRET + "' "
                        + "AWS_SECRET_ACCESS_KEY = '" + SECRET + "') DESCRIPTION 'oops'",
                "ALTER LOCATION l SET CREDENTIALS = (AWS_SECRET_ACCESS_KEY = E'" + SECRET + "')",
                "ALTER LOCATION l SET CREDENTIALS TO {AWS_ROLE_ARN = $$" + SECRET + "$$ AWS_ROLE_EXTERNAL_ID = ''}",
                "SELECT 1; CREATE LOCATION x WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = (AWS_SESSION_TOKEN = '" + SECRET + "'); SELECT ,");

        for (String sql : statements) {
            SqlSyntaxException error = catchThrowableOfType(SqlSyntaxException.class, () -> parser.parseScript(sql));

            assertThat(error).as(sql).isNotNull();
            assertThat(error.getMessage()).as(sql).doesNotContain(SECRET).doesNotContain("S3CR");
            assertThat(error.excerpt()).as(sql).contains("^");
        }
    }
}
