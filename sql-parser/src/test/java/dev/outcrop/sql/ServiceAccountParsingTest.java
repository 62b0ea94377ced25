package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.error.SqlSyntaxException;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.statement.CallProcedure;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.CreateServiceAccount;
import dev.outcrop.core.statement.DropServiceAccount;
import dev.outcrop.core.statement.PrincipalKind;
import dev.outcrop.core.statement.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Firebolt's service-account statements, in the forms its documentation and SDK tests write them. */
final class ServiceAccountParsingTest {

    private final SqlParser parser = SqlParser.create();

    @Test
    void createServiceAccount_inFireboltsForms() {
        assertThat(parser.parseStatement("CREATE SERVICE ACCOUNT reporter"))
                .isEqualTo(new CreateServiceAccount(Identifier.of("reporter"), false, null));
        assertThat(parser.parseStatement("create service account if not exists \"Sa1\" with description = 'service account 1'"))
                .isEqualTo(new CreateServiceAccount(Identifier.of("Sa1"), true, "service account 1"));
        assertThat(parser.parseStatement("CREATE SERVICE ACCOUNT sa WITH DESCRIPTION = 'x' IS_ORGANIZATION_ADMIN = FALSE"))
                .isEqualTo(new CreateServiceAccount(Identifier.of("sa"), false, "x"));
    }

    @Test
    void dropServiceAccount_withAndWithoutIfExists() {
        assertThat(parser.parseStatement("DROP SERVICE ACCOUNT \"sa1\"")).isEqualTo(new DropServiceAccount(Identifier.of("sa1"), false));
        assertThat(parser.parseStatement("DROP SERVICE ACCOUNT IF EXISTS sa1")).isEqualTo(new DropServiceAccount(Identifier.of("sa1"), true));
    }

    @Test
    void createUser_withServiceAccount_linksThem() {
        assertThat(parser.parseStatement("CREATE USER report_user WITH SERVICE_ACCOUNT = reporter"))
                .isEqualTo(new CreatePrincipal(PrincipalKind.USER, Identifier.of("report_user"), false, Identifier.of("reporter")));
        assertThat(parser.parseStatement("CREATE USER IF NOT EXISTS u")).isEqualTo(new CreatePrincipal(PrincipalKind.USER, Identifier.of("u"), true));
    }

    @Test
    void call_takesTheProcedureFoldedAndConstantArguments() {
        assertThat(parser.parseStatement("CALL fb_GENERATESERVICEACCOUNTKEY('reporter')"))
                .isEqualTo(new CallProcedure(Identifier.of("fb_generateserviceaccountkey"), List.of(new StringLiteral("reporter"))));
        assertThat(parser.parseStatement("call p()")).isEqualTo(new CallProcedure(Identifier.of("p"), List.of()));
        assertThat(parser.parseStatement("CALL p('a', 2)"))
                .isEqualTo(new CallProcedure(Identifier.of("p"), List.of(new StringLiteral("a"), new IntegerLiteral(2))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE SERVICE ACCOUNT reporter",
        "CREATE SERVICE ACCOUNT IF NOT EXISTS \"Mixed Case\" WITH DESCRIPTION = 'it''s for: dashboards; nightly'",
        "DROP SERVICE ACCOUNT IF EXISTS reporter",
        "CREATE USER IF NOT EXISTS u WITH SERVICE_ACCOUNT = \"Sa\"",
        "CALL fb_GENERATESERVICEACCOUNTKEY('reporter')",
        "CALL fb_DELETESERVICEACCOUNTKEY('it''s')"})
    void formatting_readsBackToTheSameStatement(String sql) {
        Statement statement = parser.parseStatement(sql);
        assertThat(parser.parseStatement(SqlFormatter.format(statement))).isEqualTo(statement);
    }

    @Test
    void unsupportedOptions_sayWhatToDo() {
        assertThatThrownBy(() -> parser.parseStatement("CREATE SERVICE ACCOUNT sa WITH NETWORK_POLICY = p"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> parser.parseStatement("CREATE SERVICE ACCOUNT sa WITH IS_ORGANIZATION_ADMIN = TRUE"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("account_admin");
        assertThatThrownBy(() -> parser.parseStatement("CREATE USER u WITH LOGIN = 'me@example.com'"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("SERVICE_ACCOUNT");
        assertThatThrownBy(() -> parser.parseStatement("CALL p(upper('x'))"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("constant");
        assertThatThrownBy(() -> parser.parseStatement("DROP SERVICE reporter"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("ACCOUNT");
    }
}
