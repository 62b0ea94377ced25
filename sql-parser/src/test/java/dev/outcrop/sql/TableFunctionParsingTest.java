package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.FunctionArgument;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.Select;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FROM reads table-valued functions with Firebolt's syntax: a positional URL, then NAME => value. */
final class TableFunctionParsingTest {

    private final SqlParser parser = SqlParser.create();

    @Test
    void readCsv_withPositionalUrlAndNamedOptions_andAlias() {
        Select select = (Select) parser.parseStatement(
                "SELECT * FROM READ_CSV('file://reviews.csv', HEADER => TRUE, DELIMITER => ';') AS r WHERE r.stars = '1' LIMIT 10");

        assertThat(select.from()).isEqualTo(new Relation.TableFunction(new FunctionCall(Identifier.of("read_csv"), List.of(
                FunctionArgument.positional(new StringLiteral("file://reviews.csv")),
                FunctionArgument.named("header", new BooleanLiteral(true)),
                FunctionArgument.named("delimiter", new StringLiteral(";")))), Identifier.of("r")));
        assertThat(select.limit()).isEqualTo(10L);
        assertThat(select.where()).isNotNull();
    }

    @Test
    void generateSeries_withoutAlias_andLocationAsANamedArgument() {
        Select series = (Select) parser.parseStatement("SELECT generate_series FROM generate_series(1, 5)");
        Select located = (Select) parser.parseStatement("SELECT * FROM read_csv(LOCATION => 'my_s3', PATTERN => '*.csv')");

        assertThat(series.from()).isEqualTo(new Relation.TableFunction(new FunctionCall(Identifier.of("generate_series"), List.of(
                FunctionArgument.positional(new IntegerLiteral(1)), FunctionArgument.positional(new IntegerLiteral(5)))), null));
        assertThat(((Relation.TableFunction) located.from()).call().arguments().get(0).name()).isEqualTo(Identifier.of("location"));
    }

    @Test
    void format_ofTableFunction_readsBackToTheSameModel() {
        Select select = (Select) parser.parseStatement("SELECT f0 FROM read_json(URL => 'file://a.jsonl') j LIMIT 1");

        String formatted = SqlFormatter.format(select);

        assertThat(parser.parseStatement(formatted)).as(formatted).isEqualTo(select);
    }

    @Test
    void anExpressionThatIsNotACall_isRefusedWhereTheFunctionStarts() {
        assertThatThrownBy(() -> parser.parseStatement("SELECT * FROM read_csv('x') || 'y'"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("table-valued function");
    }
}
