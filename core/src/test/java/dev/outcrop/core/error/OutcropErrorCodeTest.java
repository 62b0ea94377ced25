package dev.outcrop.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class OutcropErrorCodeTest {

    @Test
    void codes_areUniqueSortedAndBelowTheExtensionRange() {
        int previous = -1;
        Set<Integer> seen = new HashSet<>();
        for (OutcropErrorCode code : OutcropErrorCode.values()) {
            int value = code.toErrorCode().code();
            assertThat(seen.add(value)).as("code of %s is unique", code).isTrue();
            assertThat(value).as("%s is in declaration order", code).isGreaterThan(previous);
            assertThat(value).isLessThan(0x0100_0000);
            assertThat(code.toErrorCode().name()).isEqualTo(code.name());
            previous = value;
        }
    }

    @Test
    void codesOfOneTypeShareARange() {
        assertThat(Arrays.stream(OutcropErrorCode.values()))
                .allSatisfy(code -> assertThat(code.toErrorCode().code() >>> 16).isEqualTo(code.toErrorCode().type().ordinal()));
    }

    @Test
    void syntaxException_prefixesLineAndColumn() {
        SqlSyntaxException e = new SqlSyntaxException(3, 5, 40, "expected '=' after CREDENTIALS but found '('");

        assertThat(e.getMessage()).startsWith("line 3:5: expected '=' after CREDENTIALS but found '('");
        assertThat(e.errorCode()).isEqualTo(OutcropErrorCode.SQL_SYNTAX_ERROR.toErrorCode());
    }
}
