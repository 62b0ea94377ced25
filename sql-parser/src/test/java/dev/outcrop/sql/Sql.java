package dev.outcrop.sql;

import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionArgument;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.StringLiteral;

import java.util.Arrays;
import java.util.List;

/** Short builders for expected models, so that tests read like the SQL they check. */
final class Sql {

    private Sql() {
    }

    static Identifier id(String name) {
        return Identifier.of(name);
    }

    static List<Identifier> ids(String... names) {
        return Arrays.stream(names).map(Identifier::of).toList();
    }

    static StringLiteral str(String value) {
        return new StringLiteral(value);
    }

    static IntegerLiteral integer(long value) {
        return new IntegerLiteral(value);
    }

    static ColumnReference col(String... parts) {
        return ColumnReference.of(parts);
    }

    static FunctionArgument arg(Expression value) {
        return FunctionArgument.positional(value);
    }

    static FunctionArgument named(String name, Expression value) {
        return FunctionArgument.named(name, value);
    }

    static FunctionCall call(String name, FunctionArgument... arguments) {
        return new FunctionCall(id(name), List.of(arguments));
    }

    static FunctionCall call(String name, Expression... arguments) {
        return new FunctionCall(id(name), Arrays.stream(arguments).map(FunctionArgument::positional).toList());
    }
}
