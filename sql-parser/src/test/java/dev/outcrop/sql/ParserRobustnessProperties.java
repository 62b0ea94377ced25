package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.statement.Statement;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * The parser's failure contract: whatever the text, it returns statements or throws a syntax error
 * whose position lies within the text; and a valid statement cut short fails at or before the cut.
 */
final class ParserRobustnessProperties {

    private static final List<String> CONFORMANCE =
            SqlParser.create().parseScript(FireboltStatementsTest.conformanceScript()).stream().map(SqlFormatter::format).toList();

    private final SqlParser parser = SqlParser.create();

    @Property(tries = 2000)
    void parseScript_ofArbitraryText_parsesOrFailsWithAPositionInsideTheText(@ForAll @StringLength(max = 200) String text) {
        assertParsesOrFailsWithin(text, text.length());
    }

    @Property(tries = 3000)
    void parseScript_ofTokenSoup_parsesOrFailsWithAPositionInsideTheText(@ForAll("tokenSoup") String text) {
        assertParsesOrFailsWithin(text, text.length());
    }

    @Property(tries = 2000)
    void parseScript_ofConformanceStatementCutShort_failsAtOrBeforeTheCut(
            @ForAll("conformanceStatements") String statement, @ForAll double where) {
        int cut = (int) (Math.abs(where) % 1.0 * statement.length());

        assertParsesOrFailsWithin(statement.substring(0, cut), cut);
    }

    @Property(tries = 1000)
    void parseStatement_ofGeneratedStatementCutShort_failsAtOrBeforeTheCut(
            @ForAll("generatedStatements") String statement, @ForAll double where) {
        int cut = (int) (Math.abs(where) % 1.0 * statement.length());

        assertParsesOrFailsWithin(statement.substring(0, cut), cut);
    }

    @Property(tries = 500)
    void parseStatement_whitespaceCommentsAndKeywordCase_doNotChangeTheModel(@ForAll("conformanceStatements") String statement,
                                                                          @ForAll boolean lowerCase) {
        String variant = (lowerCase ? lowerKeywords(statement) : statement).replace(" ", " /* c */\n\t ");
        if (variant.contains("'")) {
            // Spacing inside string constants would change their values; compare only statements without them.
            return;
        }

        assertThat(parser.parseStatement(variant)).isEqualTo(parser.parseStatement(statement));
    }

    private static String lowerKeywords(String sql) {
        return sql.replace("SELECT", "select").replace("FROM", "from").replace("WHERE", "where").replace("LOCATION", "location")
                .replace("GRANT", "grant").replace("ON", "on").replace("TO", "to").replace("ACCOUNT", "account");
    }

    private void assertParsesOrFailsWithin(String text, int limit) {
        try {
            List<Statement> statements = parser.parseScript(text);
            assertThat(statements).isNotNull();
        }
        catch (SqlSyntaxException e) {
            assertThat(e.offset()).as(e.getMessage()).isBetween(0, limit);
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
            assertThat(e.getMessage()).startsWith("line " + e.line() + ":" + e.column() + ": ");
        }
    }

    @Provide
    Arbitrary<String> conformanceStatements() {
        return Arbitraries.of(CONFORMANCE);
    }

    @Provide
    Arbitrary<String> generatedStatements() {
        return ModelArbitraries.statements().map(SqlFormatter::format);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> token = Arbitraries.of("SELECT", "FROM", "WHERE", "LIMIT", "CREATE", "LOCATION", "WITH", "SOURCE", "=",
                "AMAZON_BEDROCK", "CREDENTIALS", "(", ")", "{", "}", "AWS_ROLE_ARN", "AWS_ACCESS_KEY_ID", "'x'", "'", "$$", "$$a$$",
                "E'\\n'", "\"Q\"", "\"", "1", "1.5e3", ".", ",", ";", "::", "=>", "||", "-", "--", "/*", "*/", "*", "CASE", "WHEN",
                "THEN", "ELSE", "END", "CAST", "AS", "INT", "ARRAY", "[", "]", "NOT", "IS", "NULL", "TRUE", "AND", "OR", "f",
                "ALTER", "DROP", "IF", "EXISTS", "GRANT", "USAGE", "ON", "TO", "ROLE", "USER", "SET", "USE", "VALUES", "\n", "#",
                "99999999999999999999", "1e999");
        return token.list().ofMaxSize(30).map(tokens -> String.join(" ", tokens));
    }
}
