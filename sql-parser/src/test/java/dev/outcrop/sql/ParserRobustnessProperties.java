package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.sql.internal.Lexer;
import dev.outcrop.sql.internal.Token;
import dev.outcrop.sql.internal.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Random;

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

    @Property(tries = 1000)
    void parseStatement_respacedWithCommentsAndRecased_givesTheSameModel(@ForAll("generatedStatements") String statement,
                                                                       @ForAll long seed) {
        assertThat(parser.parseStatement(respace(statement, new Random(seed)))).isEqualTo(parser.parseStatement(statement));
    }

    @Property(tries = 300)
    void parseStatement_conformanceStatementRespacedAndRecased_givesTheSameModel(
            @ForAll("conformanceStatements") String statement, @ForAll long seed) {
        assertThat(parser.parseStatement(respace(statement, new Random(seed)))).isEqualTo(parser.parseStatement(statement));
    }

    /**
     * Rewrites the text token by token: other blanks and comments between tokens, and unquoted words
     * in random case. Neither may change what the statement means.
     */
    private static String respace(String sql, Random random) {
        List<String> gaps = List.of(" ", "\n", "\t ", " /* note */ ", " -- note\n", "\r\n  ");
        StringBuilder out = new StringBuilder();
        for (Token token : Lexer.tokenize(sql)) {
            if (token.type() == TokenType.END) {
                break;
            }
            String text = sql.substring(token.start(), token.end());
            if (token.type() == TokenType.WORD) {
                text = switch (random.nextInt(3)) {
                    case 0 -> text.toUpperCase(Locale.ROOT);
                    case 1 -> text.toLowerCase(Locale.ROOT);
                    default -> text;
                };
            }
            out.append(gaps.get(random.nextInt(gaps.size()))).append(text);
        }
        return out.append(gaps.get(random.nextInt(gaps.size()))).toString();
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
