package dev.outcrop.sql;

import dev.outcrop.core.expression.BinaryExpression;
import dev.outcrop.core.expression.BinaryOperator;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.CaseExpression;
import dev.outcrop.core.expression.CastExpression;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.DoubleLiteral;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionArgument;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.IsNullPredicate;
import dev.outcrop.core.expression.Literal;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.expression.UnaryExpression;
import dev.outcrop.core.expression.UnaryOperator;
import dev.outcrop.core.expression.WhenClause;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationCredentials;
import dev.outcrop.core.location.LocationSource;
import dev.outcrop.core.location.RoleCredentials;
import dev.outcrop.core.statement.AlterAccount;
import dev.outcrop.core.statement.AlterLocation;
import dev.outcrop.core.statement.AlterLocationAction;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.CreatePrincipal;
import dev.outcrop.core.statement.DropLocation;
import dev.outcrop.core.statement.DropPrincipal;
import dev.outcrop.core.statement.GrantPrivilege;
import dev.outcrop.core.statement.GrantRole;
import dev.outcrop.core.statement.PrincipalKind;
import dev.outcrop.core.statement.Privilege;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.RevokePrivilege;
import dev.outcrop.core.statement.RevokeRole;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import dev.outcrop.core.statement.SetSetting;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.core.statement.UseDatabase;
import dev.outcrop.core.type.ArrayType;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import dev.outcrop.core.expression.ReservedWords;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of core models in the form the parser produces: names that need quoting and reserved
 * words among plain ones, every literal form, and nested expressions. Numeric literals are never
 * negative in expressions (the parser reads {@code -1} as a minus applied to 1); SET values may be.
 */
final class ModelArbitraries {

    private static final int EXPRESSION_DEPTH = 4;

    private ModelArbitraries() {
    }

    static Arbitrary<Identifier> identifiers() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> withDigits = Combinators.combine(plain, Arbitraries.strings().numeric().ofMaxLength(3)).as(String::concat);
        Arbitrary<String> reserved = Arbitraries.of(List.copyOf(ReservedWords.all()));
        Arbitrary<String> keywordsUsableAsNames = Arbitraries.of("location", "source", "url", "description", "role", "user",
                "database", "account", "credentials", "region", "force", "owner", "usage", "any", "e", "array", "text");
        Arbitrary<String> needsQuotes = Arbitraries.strings().withChars("aZ _\"'.;-$()1é\t").ofMinLength(1).ofMaxLength(6);
        return Arbitraries.frequencyOf(
                Tuple.of(4, plain), Tuple.of(2, withDigits), Tuple.of(2, reserved), Tuple.of(2, keywordsUsableAsNames),
                Tuple.of(2, needsQuotes), Tuple.of(1, plain.map(name -> name.toUpperCase(java.util.Locale.ROOT))))
                .map(Identifier::new);
    }

    static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withChars("'\"$\\\n\r\t -/*{}:,ab").ofMaxLength(12),
                Arbitraries.of("", "'", "''", "$$", "{\"a\":[1,2]}", "-- not a comment", "/* nor this */", "E'x'"));
    }

    static Arbitrary<Literal> literals() {
        return Arbitraries.oneOf(
                strings().map(StringLiteral::new),
                Arbitraries.longs().greaterOrEqual(0).map(IntegerLiteral::new),
                Arbitraries.oneOf(Arbitraries.doubles().between(0, 1e6).ofScale(4),
                        Arbitraries.of(0.0, 1e300, Double.MAX_VALUE, Double.MIN_VALUE, 1.0E-7, 123456789.125))
                        .map(DoubleLiteral::new),
                Arbitraries.of(BooleanLiteral.TRUE, BooleanLiteral.FALSE, NullLiteral.INSTANCE));
    }

    /** Literals as SET takes them: signed numbers too. */
    static Arbitrary<Literal> settingValues() {
        return Arbitraries.oneOf(literals(),
                Arbitraries.longs().map(IntegerLiteral::new),
                Arbitraries.doubles().ofScale(3).map(DoubleLiteral::new));
    }

    static Arbitrary<SqlType> types() {
        Arbitrary<SqlType> scalar = Arbitraries.of(ScalarType.TEXT, ScalarType.BOOLEAN, ScalarType.INTEGER, ScalarType.BIGINT,
                ScalarType.DOUBLE, ScalarType.TIMESTAMPTZ);
        return Arbitraries.frequencyOf(Tuple.of(4, scalar), Tuple.of(1, scalar.map(ArrayType::new)),
                Tuple.of(1, scalar.map(element -> new ArrayType(new ArrayType(element)))));
    }

    static Arbitrary<Expression> expressions() {
        return expressions(EXPRESSION_DEPTH);
    }

    private static Arbitrary<Expression> expressions(int depth) {
        Arbitrary<Expression> leaves = Arbitraries.oneOf(literals(),
                identifiers().list().ofMinSize(1).ofMaxSize(3).map(ColumnReference::new));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Expression> child = expressions(depth - 1);
        Arbitrary<Expression> binary = Combinators.combine(Arbitraries.of(BinaryOperator.class), child, child)
                .as(BinaryExpression::new);
        Arbitrary<Expression> unary = Combinators.combine(Arbitraries.of(UnaryOperator.class), child).as(UnaryExpression::new);
        Arbitrary<Expression> isNull = Combinators.combine(child, Arbitraries.of(true, false)).as(IsNullPredicate::new);
        Arbitrary<Expression> cast = Combinators.combine(child, types()).as(CastExpression::new);
        Arbitrary<FunctionArgument> argument = Combinators.combine(identifiers().injectNull(0.5), child).as(FunctionArgument::new);
        Arbitrary<Expression> call = Combinators.combine(identifiers(), argument.list().ofMaxSize(4)).as(FunctionCall::new);
        Arbitrary<WhenClause> when = Combinators.combine(child, child).as(WhenClause::new);
        Arbitrary<Expression> caseExpression = Combinators.combine(child.injectNull(0.5), when.list().ofMinSize(1).ofMaxSize(3),
                child.injectNull(0.5)).as(CaseExpression::new);
        return Arbitraries.frequencyOf(Tuple.of(3, leaves), Tuple.of(4, binary), Tuple.of(1, unary), Tuple.of(1, isNull),
                Tuple.of(1, cast), Tuple.of(2, call), Tuple.of(1, caseExpression));
    }

    static Arbitrary<Select> selects() {
        Arbitrary<Expression> expression = expressions(3);
        Arbitrary<SelectItem> item = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new SelectItem.AllColumns())),
                Tuple.of(5, Combinators.combine(expression, identifiers().injectNull(0.5)).as(SelectItem.SingleColumn::new)));
        Arbitrary<Relation> table = identifiers().list().ofMinSize(1).ofMaxSize(3).map(Relation.TableName::new);
        Arbitrary<Relation> values = Arbitraries.integers().between(1, 3).flatMap(width ->
                Combinators.combine(expressions(2).list().ofSize(width).list().ofMinSize(1).ofMaxSize(3), identifiers(),
                        identifiers().list().ofSize(width).injectNull(0.3))
                        .as((rows, alias, columns) -> new Relation.Values(rows, alias, columns == null ? List.of() : columns)));
        return Combinators.combine(item.list().ofMinSize(1).ofMaxSize(4), Arbitraries.oneOf(table, values).injectNull(0.3),
                expression.injectNull(0.4), Arbitraries.longs().greaterOrEqual(0).injectNull(0.6))
                .as(Select::new);
    }

    static Arbitrary<LocationCredentials> credentials() {
        Arbitrary<String> value = strings().filter(s -> !s.isEmpty());
        Arbitrary<LocationCredentials> keys = Combinators.combine(value, value, value.injectNull(0.5))
                .as(AccessKeyCredentials::new);
        Arbitrary<String> arn = Combinators.combine(Arbitraries.of("aws", "aws-cn", "aws-us-gov"),
                Arbitraries.strings().numeric().ofLength(12),
                Arbitraries.strings().withCharRange('a', 'z').withChars("ABC/_+=,.@-").ofMinLength(1).ofMaxLength(20))
                .as((partition, account, name) -> "arn:" + partition + ":iam::" + account + ":role/" + name);
        Arbitrary<LocationCredentials> role = Combinators.combine(arn, value.injectNull(0.5)).as(RoleCredentials::new);
        return Arbitraries.oneOf(keys, role);
    }

    static Arbitrary<CreateLocation> createLocations() {
        Arbitrary<String> region = Arbitraries.of("us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1");
        return Combinators.combine(identifiers(), Arbitraries.of(true, false), Arbitraries.of(LocationSource.class), credentials(),
                strings(), strings().injectNull(0.5), region.injectNull(0.5))
                .as((name, ifNotExists, source, credentials, url, description, chosenRegion) -> new CreateLocation(name,
                        ifNotExists, source, credentials, source.hasUrl() ? url : null, description, chosenRegion));
    }

    static Arbitrary<Statement> statements() {
        Arbitrary<Identifier> name = identifiers();
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<AlterLocationAction> action = Arbitraries.oneOf(
                name.map(AlterLocationAction.RenameTo::new),
                credentials().map(AlterLocationAction.SetCredentials::new),
                strings().map(AlterLocationAction.SetUrl::new),
                strings().map(AlterLocationAction.SetDescription::new),
                name.map(AlterLocationAction.OwnerTo::new));
        Arbitrary<Privilege> privilege = Arbitraries.of(Privilege.class);
        List<Arbitrary<? extends Statement>> all = new ArrayList<>();
        all.add(selects());
        all.add(createLocations());
        all.add(Combinators.combine(name, flag, action).as(AlterLocation::new));
        all.add(Combinators.combine(name, flag, flag).as(DropLocation::new));
        all.add(Combinators.combine(name, flag, Arbitraries.longs().greaterOrEqual(0)).as(AlterAccount::new));
        all.add(Combinators.combine(name, flag).as(dev.outcrop.core.statement.ResealLocations::new));
        all.add(Combinators.combine(Arbitraries.of(PrincipalKind.class), name, flag).as(CreatePrincipal::new));
        all.add(Combinators.combine(Arbitraries.of(PrincipalKind.class), name, flag).as(DropPrincipal::new));
        all.add(Combinators.combine(privilege, name, name).as((p, object, grantee) -> new GrantPrivilege(p, p.objectType(), object, grantee)));
        all.add(Combinators.combine(privilege, name, name).as((p, object, grantee) -> new RevokePrivilege(p, p.objectType(), object, grantee)));
        all.add(Combinators.combine(name, name).as(GrantRole::new));
        all.add(Combinators.combine(name, name).as(RevokeRole::new));
        all.add(name.map(UseDatabase::new));
        all.add(Combinators.combine(name, settingValues()).as(SetSetting::new));
        all.add(name.list().ofMinSize(1).ofMaxSize(3).map(dev.outcrop.core.statement.UnsetSetting::new));
        all.add(Combinators.combine(name, Arbitraries.of(true, false), Arbitraries.of(null, "us-east-1", "it's"))
                .as(dev.outcrop.core.statement.CreateAccount::new));
        all.add(Combinators.combine(name, Arbitraries.of(true, false)).as(dev.outcrop.core.statement.DropAccount::new));
        return Arbitraries.oneOf(all);
    }
}
