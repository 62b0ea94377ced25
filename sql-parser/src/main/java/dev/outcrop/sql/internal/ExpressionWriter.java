package dev.outcrop.sql.internal;

import dev.outcrop.core.expression.BinaryExpression;
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

/**
 * Writes expressions as canonical SQL: keywords in upper case, single spaces, string constants in
 * single quotes, casts as {@code CAST(x AS T)}, and parentheses exactly where precedence needs them.
 */
public final class ExpressionWriter {

    private ExpressionWriter() {
    }

    public static void write(StringBuilder out, Expression expression) {
        write(out, expression, 0);
    }

    /** Writes {@code expression}, in parentheses when it binds less tightly than {@code minPrecedence}. */
    private static void write(StringBuilder out, Expression expression, int minPrecedence) {
        boolean parenthesize = Precedence.of(expression) < minPrecedence;
        if (parenthesize) {
            out.append('(');
        }
        writeBare(out, expression);
        if (parenthesize) {
            out.append(')');
        }
    }

    private static void writeBare(StringBuilder out, Expression expression) {
        if (expression instanceof Literal literal) {
            writeLiteral(out, literal);
        }
        else if (expression instanceof ColumnReference column) {
            for (int i = 0; i < column.parts().size(); i++) {
                if (i > 0) {
                    out.append('.');
                }
                IdentifierQuoting.append(out, column.parts().get(i));
            }
        }
        else if (expression instanceof FunctionCall call) {
            writeCall(out, call);
        }
        else if (expression instanceof BinaryExpression binary) {
            int precedence = Precedence.of(binary.operator());
            write(out, binary.left(), precedence);
            out.append(' ').append(binary.operator().sql()).append(' ');
            // Left-associative: an equally strong operator on the right needs parentheses.
            write(out, binary.right(), precedence + 1);
        }
        else if (expression instanceof UnaryExpression unary) {
            writeUnary(out, unary);
        }
        else if (expression instanceof IsNullPredicate isNull) {
            write(out, isNull.operand(), Precedence.IS);
            out.append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
        }
        else if (expression instanceof CaseExpression caseExpression) {
            writeCase(out, caseExpression);
        }
        else if (expression instanceof CastExpression cast) {
            out.append("CAST(");
            write(out, cast.operand(), 0);
            out.append(" AS ").append(cast.targetType().sqlName()).append(')');
        }
        else {
            throw new IllegalArgumentException("unknown expression type: " + expression.getClass().getName());
        }
    }

    public static void writeLiteral(StringBuilder out, Literal literal) {
        if (literal instanceof StringLiteral string) {
            writeString(out, string.value());
        }
        else if (literal instanceof IntegerLiteral integer) {
            out.append(integer.value());
        }
        else if (literal instanceof DoubleLiteral decimal) {
            // Double.toString always has a '.' (or is written with an exponent after one), so it reads back as a DOUBLE.
            out.append(Double.toString(decimal.value()));
        }
        else if (literal instanceof BooleanLiteral bool) {
            out.append(bool.value() ? "TRUE" : "FALSE");
        }
        else if (literal instanceof NullLiteral) {
            out.append("NULL");
        }
        else {
            throw new IllegalArgumentException("unknown literal type: " + literal.getClass().getName());
        }
    }

    public static void writeString(StringBuilder out, String value) {
        out.append('\'');
        if (value.indexOf('\'') < 0) {
            out.append(value);
        }
        else {
            out.append(value.replace("'", "''"));
        }
        out.append('\'');
    }

    private static void writeCall(StringBuilder out, FunctionCall call) {
        IdentifierQuoting.append(out, call.name());
        out.append('(');
        for (int i = 0; i < call.arguments().size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            FunctionArgument argument = call.arguments().get(i);
            Identifier name = argument.name();
            if (name != null) {
                IdentifierQuoting.append(out, name);
                out.append(" => ");
            }
            write(out, argument.value(), 0);
        }
        out.append(')');
    }

    private static void writeUnary(StringBuilder out, UnaryExpression unary) {
        if (unary.operator() == UnaryOperator.NOT) {
            out.append("NOT ");
            write(out, unary.operand(), Precedence.NOT);
            return;
        }
        out.append(unary.operator() == UnaryOperator.NEGATE ? '-' : '+');
        int operandStart = out.length();
        write(out, unary.operand(), Precedence.UNARY);
        // "- -x" must not become "--x", which starts a comment.
        if (out.length() > operandStart && out.charAt(operandStart) == '-' && out.charAt(operandStart - 1) == '-') {
            out.insert(operandStart, ' ');
        }
    }

    private static void writeCase(StringBuilder out, CaseExpression caseExpression) {
        out.append("CASE");
        if (caseExpression.operand() != null) {
            out.append(' ');
            write(out, caseExpression.operand(), 0);
        }
        for (WhenClause when : caseExpression.whenClauses()) {
            out.append(" WHEN ");
            write(out, when.condition(), 0);
            out.append(" THEN ");
            write(out, when.result(), 0);
        }
        if (caseExpression.elseResult() != null) {
            out.append(" ELSE ");
            write(out, caseExpression.elseResult(), 0);
        }
        out.append(" END");
    }
}
