package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.error.SqlSyntaxException;

import org.junit.jupiter.api.Test;

final class SyntaxErrorPositionTest {

    private final SqlParser parser = SqlParser.create();

    @Test
    void parseStatement_missingEqualsAfterCredentials_reportsLineAndColumnOfTheToken() {
        String sql = """
                CREATE LOCATION bedrock_role WITH
                  SOURCE = AMAZON_BEDROCK
                  CREDENTIALS (AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess')""";

        assertThatThrownBy(() -> parser.parseStatement(sql))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(15);
                    assertThat(e.offset()).isEqualTo(sql.indexOf("(AWS_ROLE_ARN"));
                    assertThat(e.detail())
                            .isEqualTo("expected '=' after CREDENTIALS but found '('");
                });
    }
}
