package dev.outcrop.core.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationSource;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The statement model keeps the invariants the parser and the executor both rely on. */
final class StatementModelTest {

    @Test
    void select_withoutItems_isRefused() {
        assertThatThrownBy(() -> new Select(List.of(), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SELECT needs at least one item");
    }

    @Test
    void select_negativeLimit_isRefused() {
        assertThatThrownBy(() -> new Select(List.of(new SelectItem.AllColumns()), null, null, -1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("LIMIT must not be negative, but was -1");
    }

    @Test
    void select_copiesItsItems_soLaterChangesDoNotLeakIn() {
        List<SelectItem> items = new ArrayList<>(List.of(new SelectItem.AllColumns()));
        Select select = new Select(items, null, null, null);

        items.add(new SelectItem.AllColumns());

        assertThat(select.items()).hasSize(1);
        assertThatThrownBy(() -> select.items().add(new SelectItem.AllColumns())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void values_copiesEveryRow_andNeedsOne() {
        List<Expression> row = new ArrayList<>(List.of(new IntegerLiteral(1)));
        Relation.Values values = new Relation.Values(List.of(row), Identifier.of("t"), List.of());

        row.add(new IntegerLiteral(2));

        assertThat(values.rows()).containsExactly(List.of(new IntegerLiteral(1)));
        assertThatThrownBy(() -> new Relation.Values(List.of(), Identifier.of("t"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("VALUES needs at least one row");
    }

    @Test
    void alterAccount_negativeBudget_isRefused() {
        assertThatThrownBy(() -> new AlterAccount(Identifier.of("a"), false, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LLM_TOKEN_BUDGET must be a non-negative integer, but was -5");
    }

    @Test
    void privileges_nameTheObjectTheyAreGrantedOn() {
        assertThat(Privilege.USAGE.objectType()).isEqualTo(GrantObjectType.LOCATION);
        assertThat(Privilege.MODIFY.objectType()).isEqualTo(GrantObjectType.LOCATION);
        assertThat(Privilege.CREATE_LOCATION.objectType()).isEqualTo(GrantObjectType.ACCOUNT);
        assertThat(Privilege.USAGE_ANY_LOCATION.sql()).isEqualTo("USAGE ANY LOCATION");
        assertThat(Privilege.MODIFY_ANY_LOCATION.objectType()).isEqualTo(GrantObjectType.ACCOUNT);
    }

    @Test
    void createLocation_toString_neverShowsACredential() {
        CreateLocation create = new CreateLocation(Identifier.of("l"), false, LocationSource.AMAZON_BEDROCK,
                AccessKeyCredentials.of("AKIAEXAMPLEKEYID", "wJalrXUtnFEMI/K7MDENG"), null, null, null);

        assertThat(create.toString()).doesNotContain("AKIAEXAMPLEKEYID", "wJalrXUtnFEMI").contains("****");
    }

    @Test
    void tableName_needsAPart() {
        assertThatThrownBy(() -> new Relation.TableName(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a table name needs at least one part");
    }
}
