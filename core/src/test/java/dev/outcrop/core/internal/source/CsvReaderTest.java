package dev.outcrop.core.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.internal.eval.RowOrigin;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 as READ_CSV reads it, with Firebolt's options, and errors that say where. */
final class CsvReaderTest {

    private static List<List<Object>> rows(String csv, CsvOptions options) {
        CsvReader reader = new CsvReader("file://t.csv", new StringReader(csv), options);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(reader.readHeader()));
        for (Object[] row = reader.next(); row != null; row = reader.next()) {
            // The last element is the row's origin, which expressions never read.
            assertThat(row[row.length - 1]).isInstanceOf(RowOrigin.class);
            rows.add(Arrays.asList(row).subList(0, row.length - 1));
        }
        return rows;
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks_acrossLfCrlfAndCr() {
        CsvOptions header = new CsvOptions(true, ',', '"', '"', null, false, true);

        assertThat(rows("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",\r3,\n", header)).containsExactly(
                List.of("a", "b"), List.of("x,1", "say \"hi\""), Arrays.asList("two\nlines", null), Arrays.asList("3", null));
    }

    @Test
    void withoutHeader_columnsAreF0F1_andOptionsApply() {
        CsvOptions semicolons = new CsvOptions(false, ';', '\'', '\\', "NA", true, false);

        assertThat(rows("1;'it\\'s';NA\n\n2;;x\n", semicolons)).containsExactly(
                List.of("f0", "f1", "f2"), Arrays.asList("1", "it's", null), List.of("2", "", "x"));
    }

    @Test
    void errorsNameTheSourceLineAndColumn() {
        CsvOptions header = new CsvOptions(true, ',', '"', '"', null, false, true);

        assertThatThrownBy(() -> rows("a,b\n1,\"x\"y\n", header)).isInstanceOf(OutcropException.class)
                .hasMessageStartingWith("malformed CSV in file://t.csv at line 2, column 6")
                .satisfies(e -> assertThat(((OutcropException) e).errorCode()).isEqualTo(OutcropErrorCode.MALFORMED_INPUT.toErrorCode()));
        assertThatThrownBy(() -> rows("a,b\n1\n", header)).hasMessageContaining("at line 2: this row has 1 field but the header names 2");
        assertThatThrownBy(() -> rows("a,a\n", header)).hasMessageContaining("names column 'a' twice");
        assertThatThrownBy(() -> rows("", header)).hasMessageContaining("is empty");
    }

    @Test
    void everyRowCarriesItsLine_andTheColumnWhereEachFieldStarts_evenAfterAQuotedLineBreak() {
        CsvReader reader = new CsvReader("file://t.csv", new StringReader("id,review,stars\n1,fine,5\n2,\"two\nlines\",  x\n"),
                new CsvOptions(true, ',', '"', '"', null, false, true));
        reader.readHeader();

        RowOrigin first = RowOrigin.of(reader.next());
        RowOrigin second = RowOrigin.of(reader.next());

        assertThat(first.describe(2, "stars")).isEqualTo("file://t.csv at line 2, column 8 (field 3, 'stars')");
        assertThat(second.describe(1, "review")).isEqualTo("file://t.csv at line 3, column 3 (field 2, 'review')");
        assertThat(second.describe(2, "stars")).as("the field starts on the record's second line").isEqualTo("file://t.csv at line 4, column 8 (field 3, 'stars')");
        assertThat(second.describe(-1, null)).isEqualTo("file://t.csv at line 3");
        assertThat(reader.next()).isNull();
    }
}
