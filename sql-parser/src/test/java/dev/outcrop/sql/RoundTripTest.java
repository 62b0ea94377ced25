package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.statement.Statement;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The formatter's output of every conformance statement reads back to the same model. */
final class RoundTripTest {

    private final SqlParser parser = SqlParser.create();

    @Test
    void parse_ofFormattedConformanceStatement_givesTheSameModel() {
        List<Statement> statements = parser.parseScript(FireboltStatementsTest.conformanceScript());

        assertThat(statements).hasSize(25);
        for (Statement statement : statements) {
            String formatted = SqlFormatter.format(statement);
            assertThat(parser.parseStatement(formatted)).as(formatted).isEqualTo(statement);
            assertThat(SqlFormatter.format(parser.parseStatement(formatted))).isEqualTo(formatted);
        }
    }

    @Test
    void parseScript_ofAllFormattedStatementsJoined_givesTheSameList() {
        List<Statement> statements = parser.parseScript(FireboltStatementsTest.conformanceScript());
        StringBuilder script = new StringBuilder();
        for (Statement statement : statements) {
            script.append(SqlFormatter.format(statement)).append(";\n");
        }

        assertThat(parser.parseScript(script.toString())).isEqualTo(statements);
    }

    @Test
    void formatMasked_ofConformanceStatements_containsNoCredentialValue() {
        String script = FireboltStatementsTest.conformanceScript();
        StringBuilder masked = new StringBuilder();
        for (Statement statement : parser.parseScript(script)) {
            masked.append(SqlFormatter.formatMasked(statement)).append('\n');
        }

        assertThat(masked.toString())
                .doesNotContain("<aws_access_key_id>", "<aws_secret_access_key>", "<temporary_access_key_id>",
                        "<temporary_secret_access_key>", "<temporary_session_token>", "<external_id>",
                        "arn:aws:iam::123456789012:role/BedrockAccess", "a-new-external-id")
                .contains("AWS_ROLE_ARN = '****'", "AWS_SESSION_TOKEN = '****'");
    }
}
