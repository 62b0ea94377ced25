package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;

import org.junit.jupiter.api.Test;

/** Hostile input is refused with a clear error: too long before it is read, too deep before the stack overflows. */
final class ParserLimitsTest {

    private static final String TOO_DEEP = "nesting is deeper than 200 levels: simplify the statement, "
            + "or raise SqlParserConfig.maxNestingDepth";

    private final SqlParser parser = SqlParser.create();

    @Test
    void defaults_areOneMebibyteAndTwoHundredLevels() {
        assertThat(parser.config().maxStatementLength()).isEqualTo(1024 * 1024);
        assertThat(parser.config().maxNestingDepth()).isEqualTo(200);
        assertThat(new SqlParser().config()).isEqualTo(SqlParserConfig.defaults());
    }

    @Test
    void parseScript_textLongerThanTheLimit_isRefusedBeforeReading() {
        SqlParser small = SqlParser.create(SqlParserConfig.builder().maxStatementLength(20).build());

        assertThatThrownBy(() -> small.parseScript("SELECT 'twenty-one ch'"))
                .isInstanceOfSatisfying(OutcropException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(OutcropErrorCode.STATEMENT_TOO_LARGE.toErrorCode()))
                .hasMessage("the statement text is 22 characters long, more than the limit of 20: "
                        + "send a shorter statement, or raise SqlParserConfig.maxStatementLength");
        assertThat(small.parseStatement("SELECT 'exactly 20'")).isInstanceOf(Select.class);
    }

    @Test
    void parseStatement_textJustUnderTheDefaultLimit_isRead() {
        String body = "x".repeat(1024 * 1024 - 20);
        String sql = "SELECT $$" + body + "$$";

        assertThat(parser.parseStatement(sql)).isEqualTo(new Select(
                java.util.List.of(new SelectItem.SingleColumn(new StringLiteral(body), null)), null, null, null));
    }

    @Test
    void deepParentheses_areRefusedWithoutStackOverflow() {
        String sql = "SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000);

        SqlSyntaxException error = catchThrowableOfType(SqlSyntaxException.class, () -> parser.parseStatement(sql));

        assertThat(error.detail()).isEqualTo(TOO_DEEP);
        assertThat(error.offset()).isEqualTo(7 + 200);
    }

    @Test
    void longOperatorChain_isRefusedBecauseItsTreeIsDeep() {
        String sql = "SELECT 1" + " + 1".repeat(50_000);

        assertThat(catchThrowableOfType(SqlSyntaxException.class, () -> parser.parseStatement(sql)).detail()).isEqualTo(TOO_DEEP);
    }

    @Test
    void longPrefixChains_areRefused() {
        assertThat(catchThrowableOfType(SqlSyntaxException.class,
                () -> parser.parseStatement("SELECT " + "NOT ".repeat(50_000) + "TRUE")).detail()).isEqualTo(TOO_DEEP);
        assertThat(catchThrowableOfType(SqlSyntaxException.class,
                () -> parser.parseStatement("SELECT " + "- ".repeat(50_000) + "1")).detail()).isEqualTo(TOO_DEEP);
    }

    @Test
    void deepCallsCasesAndTypes_areRefused() {
        assertThat(catchThrowableOfType(SqlSyntaxException.class,
                () -> parser.parseStatement("SELECT " + "f(".repeat(10_000) + ")".repeat(10_000))).detail()).isEqualTo(TOO_DEEP);
        assertThat(catchThrowableOfType(SqlSyntaxException.class, () -> parser.parseStatement(
                "SELECT " + "CASE WHEN a THEN ".repeat(10_000) + "1" + " END".repeat(10_000))).detail()).isEqualTo(TOO_DEEP);
        assertThat(catchThrowableOfType(SqlSyntaxException.class, () -> parser.parseStatement(
                "SELECT CAST(a AS " + "ARRAY(".repeat(10_000) + "INT" + ")".repeat(10_001))).detail()).isEqualTo(TOO_DEEP);
        assertThat(catchThrowableOfType(SqlSyntaxException.class, () -> parser.parseStatement(
                "SELECT a::INT" + "[]".repeat(10_000))).detail()).isEqualTo(TOO_DEEP);
    }

    @Test
    void nestingWithinTheLimit_isRead() {
        String sql = "SELECT " + "(".repeat(150) + "1" + ")".repeat(150) + " + " + "- ".repeat(100) + "2";

        assertThat(parser.parseStatement(sql)).isInstanceOf(Select.class);
    }

    @Test
    void configuredDepth_isTheLimitUsed() {
        SqlParser shallow = SqlParser.create(SqlParserConfig.builder().maxNestingDepth(3).build());

        assertThat(shallow.parseExpression("(1 + 2) * 3")).isNotNull();
        assertThat(catchThrowableOfType(SqlSyntaxException.class, () -> shallow.parseExpression("((1 + 2) * 3) - 4")).detail())
                .isEqualTo("nesting is deeper than 3 levels: simplify the statement, or raise SqlParserConfig.maxNestingDepth");
    }

    @Test
    void config_isAValue() {
        SqlParserConfig config = SqlParserConfig.builder().maxStatementLength(10).maxNestingDepth(7).build();

        assertThat(config).isEqualTo(SqlParserConfig.builder().maxNestingDepth(7).maxStatementLength(10).build())
                .hasSameHashCodeAs(config.toBuilder().build())
                .isNotEqualTo(SqlParserConfig.defaults())
                .hasToString("SqlParserConfig[maxStatementLength=10, maxNestingDepth=7]");
    }

    @Test
    void builder_refusesLimitsOutOfRange() {
        assertThatThrownBy(() -> SqlParserConfig.builder().maxStatementLength(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxStatementLength must be at least 1, but was 0");
        assertThatThrownBy(() -> SqlParserConfig.builder().maxNestingDepth(1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxNestingDepth must be between 1 and 1000, but was 1001");
        assertThat(SqlParserConfig.defaults().toBuilder().maxNestingDepth(5).build().maxNestingDepth()).isEqualTo(5);
    }
}
