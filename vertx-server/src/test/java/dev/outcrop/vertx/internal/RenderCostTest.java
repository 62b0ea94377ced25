package dev.outcrop.vertx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.type.ScalarType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which collected results render on the event loop: a few short rows do; long text, many rows, vectors and values of unknown length do not. */
final class RenderCostTest {

    private static QueryResult result(Object... values) {
        List<Row> rows = new ArrayList<>();
        for (Object value : values) {
            rows.add(Row.of(value));
        }
        return new QueryResult(List.of(new Column("c", ScalarType.TEXT)), rows, "SELECT " + rows.size());
    }

    @Test
    void aModelsShortAnswer_aNumber_aTimestampAndNull_areSmall() {
        assertThat(RenderCost.isSmall(result("{\"output\":{\"message\":{\"content\":[{\"text\":\"Hello!\"}]}}}"))).isTrue();
        assertThat(RenderCost.isSmall(result(42L, 1.5, true, Instant.EPOCH, null))).isTrue();
        assertThat(RenderCost.isSmall(QueryResult.status("SET"))).isTrue();
    }

    @Test
    void textPastTheBudget_isNotSmall() {
        assertThat(RenderCost.isSmall(result("x".repeat(RenderCost.MAX_CHARACTERS / 2 - 100)))).isTrue();
        assertThat(RenderCost.isSmall(result("x".repeat(RenderCost.MAX_CHARACTERS / 2 + 1)))).isFalse();
        assertThat(RenderCost.isSmall(result("x".repeat(3000), "y".repeat(3000), "z".repeat(3000)))).isFalse();
    }

    @Test
    void manyRows_anEmbeddingVector_andValuesOfUnknownLength_areNotSmall() {
        Object[] numbers = new Object[1000];
        java.util.Arrays.fill(numbers, 7L);
        assertThat(RenderCost.isSmall(result(numbers))).isFalse();
        assertThat(RenderCost.isSmall(result((Object) new double[1024]))).isFalse();
        assertThat(RenderCost.isSmall(result((Object) new double[8]))).isTrue();
        assertThat(RenderCost.isSmall(result(new BigDecimal("1e5000")))).isFalse();
    }
}
