package dev.outcrop.sql;

import static dev.outcrop.sql.Sql.call;
import static dev.outcrop.sql.Sql.col;
import static dev.outcrop.sql.Sql.id;
import static dev.outcrop.sql.Sql.integer;
import static dev.outcrop.sql.Sql.named;
import static dev.outcrop.sql.Sql.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.expression.BinaryExpression;
import dev.outcrop.core.expression.BinaryOperator;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.CaseExpression;
import dev.outcrop.core.expression.CastExpression;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.DoubleLiteral;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.IsNullPredicate;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.expression.UnaryExpression;
import dev.outcrop.core.expression.UnaryOperator;
import dev.outcrop.core.expression.WhenClause;
import dev.outcrop.core.type.ArrayType;
import dev.outcrop.core.type.ScalarType;

import java.util.List;

import org.junit.jupiter.api.Test;

final class ExpressionParsingTest {

    private final SqlParser parser = SqlParser.create();

    private Expression parse(String sql) {
        return parser.parseExpression(sql);
    }

    @Test
    void parseExpression_stringForms_resolveTheirEscapes() {
        assertThat(parse("'it''s'")).isEqualTo(str("it's"));
        assertThat(parse("E'line\\nnext\\t\\'q\\' \\\\ \\u00e9'")).isEqualTo(str("line\nnext\t'q' \\ é"));
        assertThat(parse("e'a''b'")).isEqualTo(str("a'b"));
        assertThat(parse("$$no 'escapes' \\n here$$")).isEqualTo(str("no 'escapes' \\n here"));
        assertThat(parse("$json${\"a\":\"$$\"}$json$")).isEqualTo(str("{\"a\":\"$$\"}"));
        assertThat(parse("''")).isEqualTo(str(""));
    }

    @Test
    void parseExpression_numbers_areIntegersOrDoubles() {
        assertThat(parse("42")).isEqualTo(integer(42));
        assertThat(parse("9223372036854775807")).isEqualTo(integer(Long.MAX_VALUE));
        assertThat(parse("1.5")).isEqualTo(new DoubleLiteral(1.5));
        assertThat(parse(".5")).isEqualTo(new DoubleLiteral(0.5));
        assertThat(parse("2.")).isEqualTo(new DoubleLiteral(2.0));
        assertThat(parse("1e3")).isEqualTo(new DoubleLiteral(1000.0));
        assertThat(parse("1.5E-3")).isEqualTo(new DoubleLiteral(0.0015));
        assertThat(parse("-7")).isEqualTo(new UnaryExpression(UnaryOperator.NEGATE, integer(7)));
    }

    @Test
    void parseExpression_keywordsInAnyCase_areConstants() {
        assertThat(parse("NULL")).isEqualTo(NullLiteral.INSTANCE);
        assertThat(parse("true")).isEqualTo(BooleanLiteral.TRUE);
        assertThat(parse("False")).isEqualTo(BooleanLiteral.FALSE);
    }

    @Test
    void parseExpression_names_foldUnlessQuoted() {
        assertThat(parse("Reviews.Review")).isEqualTo(col("reviews", "review"));
        assertThat(parse("\"Reviews\".\"Re\"\"view\"")).isEqualTo(col("Reviews", "Re\"view"));
        assertThat(parse("db.information_schema.locations.url")).isEqualTo(new ColumnReference(
                List.of(id("db"), id("information_schema"), id("locations"), id("url"))));
        assertThat(parse("location")).isEqualTo(col("location"));
    }

    @Test
    void parseExpression_calls_takePositionalAndNamedArguments() {
        assertThat(parse("NOW()")).isEqualTo(new FunctionCall(id("now"), List.of()));
        assertThat(parse("AI_EMBED_TEXT(Model => 'm', \"Input\" => x || 'y')")).isEqualTo(call("ai_embed_text",
                named("model", str("m")), named("Input", new BinaryExpression(BinaryOperator.CONCAT, col("x"), str("y")))));
        assertThat(parse("\"MyFunc\"(1, f(2))")).isEqualTo(call("MyFunc", integer(1), call("f", integer(2))));
    }

    @Test
    void parseExpression_precedence_followsPostgres() {
        assertThat(parse("a OR b AND NOT c = 1 + 2 * 3")).isEqualTo(
                new BinaryExpression(BinaryOperator.OR, col("a"),
                        new BinaryExpression(BinaryOperator.AND, col("b"),
                                new UnaryExpression(UnaryOperator.NOT,
                                        new BinaryExpression(BinaryOperator.EQUAL, col("c"),
                                                new BinaryExpression(BinaryOperator.ADD, integer(1),
                                                        new BinaryExpression(BinaryOperator.MULTIPLY, integer(2), integer(3))))))));
        assertThat(parse("a || b = c")).isEqualTo(new BinaryExpression(BinaryOperator.EQUAL,
                new BinaryExpression(BinaryOperator.CONCAT, col("a"), col("b")), col("c")));
        assertThat(parse("a - b - c")).isEqualTo(new BinaryExpression(BinaryOperator.SUBTRACT,
                new BinaryExpression(BinaryOperator.SUBTRACT, col("a"), col("b")), col("c")));
        assertThat(parse("a = b IS NULL")).isEqualTo(new IsNullPredicate(
                new BinaryExpression(BinaryOperator.EQUAL, col("a"), col("b")), false));
        assertThat(parse("-a::int")).isEqualTo(new UnaryExpression(UnaryOperator.NEGATE,
                new CastExpression(col("a"), ScalarType.INTEGER)));
    }

    @Test
    void parseExpression_everyComparisonAndArithmeticOperator_isRead() {
        assertThat(parse("a <> b")).isEqualTo(new BinaryExpression(BinaryOperator.NOT_EQUAL, col("a"), col("b")));
        assertThat(parse("a != b")).isEqualTo(new BinaryExpression(BinaryOperator.NOT_EQUAL, col("a"), col("b")));
        assertThat(parse("a < b")).isEqualTo(new BinaryExpression(BinaryOperator.LESS_THAN, col("a"), col("b")));
        assertThat(parse("a <= b")).isEqualTo(new BinaryExpression(BinaryOperator.LESS_THAN_OR_EQUAL, col("a"), col("b")));
        assertThat(parse("a > b")).isEqualTo(new BinaryExpression(BinaryOperator.GREATER_THAN, col("a"), col("b")));
        assertThat(parse("a >= b")).isEqualTo(new BinaryExpression(BinaryOperator.GREATER_THAN_OR_EQUAL, col("a"), col("b")));
        assertThat(parse("a / b % c")).isEqualTo(new BinaryExpression(BinaryOperator.MODULO,
                new BinaryExpression(BinaryOperator.DIVIDE, col("a"), col("b")), col("c")));
        assertThat(parse("+a")).isEqualTo(new UnaryExpression(UnaryOperator.PLUS, col("a")));
    }

    @Test
    void parseExpression_case_simpleAndSearched() {
        assertThat(parse("CASE WHEN a IS NOT NULL THEN 'x' WHEN b THEN 'y' ELSE NULL END")).isEqualTo(new CaseExpression(null,
                List.of(new WhenClause(new IsNullPredicate(col("a"), true), str("x")), new WhenClause(col("b"), str("y"))),
                NullLiteral.INSTANCE));
        assertThat(parse("case s when 1 then 'one' end")).isEqualTo(new CaseExpression(col("s"),
                List.of(new WhenClause(integer(1), str("one"))), null));
    }

    @Test
    void parseExpression_castTypes_mapToOutcropTypes() {
        assertThat(parse("CAST(a AS TEXT)")).isEqualTo(new CastExpression(col("a"), ScalarType.TEXT));
        for (String text : List.of("varchar", "STRING")) {
            assertThat(parse("a::" + text)).isEqualTo(new CastExpression(col("a"), ScalarType.TEXT));
        }
        for (String integer : List.of("int", "INTEGER", "int4")) {
            assertThat(parse("a::" + integer)).isEqualTo(new CastExpression(col("a"), ScalarType.INTEGER));
        }
        for (String bigint : List.of("bigint", "LONG", "int8")) {
            assertThat(parse("a::" + bigint)).isEqualTo(new CastExpression(col("a"), ScalarType.BIGINT));
        }
        for (String dbl : List.of("double", "DOUBLE PRECISION", "float8", "float", "real")) {
            assertThat(parse("CAST(a AS " + dbl + ")")).isEqualTo(new CastExpression(col("a"), ScalarType.DOUBLE));
        }
        for (String bool : List.of("boolean", "bool")) {
            assertThat(parse("a::" + bool)).isEqualTo(new CastExpression(col("a"), ScalarType.BOOLEAN));
        }
        assertThat(parse("a::timestamptz")).isEqualTo(new CastExpression(col("a"), ScalarType.TIMESTAMPTZ));
        assertThat(parse("a::ARRAY(DOUBLE)")).isEqualTo(new CastExpression(col("a"), ArrayType.DOUBLE_ARRAY));
        assertThat(parse("a::double[][]")).isEqualTo(new CastExpression(col("a"), new ArrayType(ArrayType.DOUBLE_ARRAY)));
    }

    @Test
    void parseExpression_commentsAndWhitespace_changeNothing() {
        assertThat(parse("/* lead */ a -- trailing\n + /* inner */ 1")).isEqualTo(parse("a+1"));
    }
}
