package dev.outcrop.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.Statement;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Formatting then parsing gives back the model, for generated models of every kind. */
final class RoundTripProperties {

    private final SqlParser parser = SqlParser.create();

    @Property(tries = 1000)
    void parse_ofFormattedStatement_givesTheSameStatement(@ForAll("statements") Statement statement) {
        String sql = SqlFormatter.format(statement);

        assertThat(parser.parseStatement(sql)).as(sql).isEqualTo(statement);
    }

    @Property(tries = 1000)
    void parse_ofFormattedExpression_givesTheSameExpression(@ForAll("expressions") Expression expression) {
        String sql = SqlFormatter.format(expression);

        assertThat(parser.parseExpression(sql)).as(sql).isEqualTo(expression);
    }

    @Property(tries = 300)
    void format_isStableAcrossARoundTrip(@ForAll("statements") Statement statement) {
        String once = SqlFormatter.format(statement);

        assertThat(SqlFormatter.format(parser.parseStatement(once))).isEqualTo(once);
    }

    @Property(tries = 300)
    void formatMasked_ofCreateLocation_isTheFormatWithEveryCredentialValueMasked(@ForAll("createLocations") CreateLocation create) {
        String expectedClause;
        if (create.credentials() instanceof AccessKeyCredentials keys) {
            expectedClause = "(AWS_ACCESS_KEY_ID = '****' AWS_SECRET_ACCESS_KEY = '****'"
                    + (keys.sessionToken() == null ? "" : " AWS_SESSION_TOKEN = '****'") + ")";
        }
        else {
            RoleCredentials role = (RoleCredentials) create.credentials();
            expectedClause = "(AWS_ROLE_ARN = '****'" + (role.externalId() == null ? "" : " AWS_ROLE_EXTERNAL_ID = '****'") + ")";
        }
        CreateLocation withPlaceholder = new CreateLocation(create.name(), create.ifNotExists(), create.source(),
                AccessKeyCredentials.of("k", "s"), create.url(), create.description(), create.region());
        String expected = SqlFormatter.format(withPlaceholder)
                .replace("(AWS_ACCESS_KEY_ID = 'k' AWS_SECRET_ACCESS_KEY = 's')", expectedClause);

        assertThat(SqlFormatter.formatMasked(create)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Statement> statements() {
        return ModelArbitraries.statements();
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return ModelArbitraries.expressions();
    }

    @Provide
    Arbitrary<CreateLocation> createLocations() {
        return ModelArbitraries.createLocations();
    }
}
