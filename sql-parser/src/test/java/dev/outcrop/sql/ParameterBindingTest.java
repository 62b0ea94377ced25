package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.DoubleLiteral;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code $n} placeholders bound to values: each value becomes one literal, whatever characters it holds. */
final class ParameterBindingTest {

    private final SqlParser parser = SqlParser.create();

    @Test
    void eachPlaceholder_becomesALiteralOfItsValuesType() {
        List<Statement> script = parser.parseScript("SELECT $1 AS a, $2 AS b, $3 AS c, $4 AS d, $5 AS e, $1 AS again",
                Arrays.asList("it's; DROP LOCATION x; --", -7L, 2.5, true, null));

        Select select = (Select) script.get(0);
        assertThat(script).hasSize(1);
        assertThat(select.toString()).contains(new StringLiteral("it's; DROP LOCATION x; --").toString())
                .contains(new IntegerLiteral(-7).toString())
                .contains(new DoubleLiteral(2.5).toString())
                .contains(BooleanLiteral.TRUE.toString())
                .contains(NullLiteral.INSTANCE.toString());
    }

    @Test
    void aValueWithAQuoteAndSemicolon_isOneValue_notMoreStatements() {
        List<Statement> bound = parser.parseScript("SELECT $1 AS v", List.of("'; SELECT 'injected"));
        List<Statement> literal = parser.parseScript("SELECT '''; SELECT ''injected' AS v");

        assertThat(bound).hasSize(1).isEqualTo(literal);
    }

    @Test
    void aPlaceholderWithoutAValue_isASyntaxErrorThatSaysHowManyWereGiven() {
        assertThatThrownBy(() -> parser.parseScript("SELECT $1, $3", List.of("a", "b")))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("the parameter $3 has no value: 2 value(s) were given, for $1 to $2");
        assertThatThrownBy(() -> parser.parseScript("SELECT $1"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("the parameter $1 has no value");
    }

    @Test
    void dollarQuotedStrings_areUnchanged() {
        assertThat(parser.parseScript("SELECT $$a $1 b$$ AS t", List.of("x"))).isEqualTo(parser.parseScript("SELECT 'a $1 b' AS t"));
    }
}
