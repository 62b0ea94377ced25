package dev.outcrop.core.internal.expr;

import dev.outcrop.core.internal.eval.CaseNode;
import dev.outcrop.core.internal.eval.ColumnNode;
import dev.outcrop.core.internal.eval.ConstantNode;
import dev.outcrop.core.internal.eval.ConversionNode;
import dev.outcrop.core.internal.eval.Node;
import dev.outcrop.core.internal.eval.OperatorNode;
import dev.outcrop.core.internal.eval.SqlValues;
import dev.outcrop.core.internal.plan.Scope;
import dev.outcrop.core.internal.plan.StatementContext;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.BinaryExpression;
import dev.outcrop.core.expression.BinaryOperator;
import dev.outcrop.core.expression.BooleanLiteral;
import dev.outcrop.core.expression.CaseExpression;
import dev.outcrop.core.expression.CastExpression;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.DoubleLiteral;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.IsNullPredicate;
import dev.outcrop.core.expression.NullLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.expression.UnaryExpression;
import dev.outcrop.core.expression.WhenClause;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns expressions into {@link Node}s for one statement, checking names, types and the rules about
 * literal arguments before any row is computed or any model is called.
 */
public final class ExpressionCompiler {

    private final Scope scope;
    private final Map<String, FunctionCompiler> functions;
    private final StatementContext context;

    public ExpressionCompiler(Scope scope, Map<String, FunctionCompiler> functions, StatementContext context) {
        this.scope = scope;
        this.functions = functions;
        this.context = context;
    }

    public StatementContext context() {
        return context;
    }

    public Node compile(Expression expression) {
        if (expression instanceof StringLiteral s) {
            return new ConstantNode(ScalarType.TEXT, s.value());
        }
        if (expression instanceof IntegerLiteral i) {
            return new ConstantNode(ScalarType.BIGINT, i.value());
        }
        if (expression instanceof DoubleLiteral d) {
            return new ConstantNode(ScalarType.DOUBLE, d.value());
        }
        if (expression instanceof BooleanLiteral b) {
            return new ConstantNode(ScalarType.BOOLEAN, b.value());
        }
        if (expression instanceof NullLiteral) {
            return new ConstantNode(ScalarType.NULL, null);
        }
        if (expression instanceof ColumnReference column) {
            int index = scope.resolve(column);
            return new ColumnNode(scope.columnTypes().get(index), index, scope.columnNames().get(index));
        }
        if (expression instanceof FunctionCall call) {
            String name = call.name().value().toLowerCase(Locale.ROOT);
            FunctionCompiler function = functions.get(name);
            if (function == null) {
                throw new OutcropException(OutcropErrorCode.UNKNOWN_FUNCTION, "function '" + call.name().value()
                        + "' does not exist; the functions are " + String.join(", ", new java.util.TreeSet<>(functions.keySet())).toUpperCase(Locale.ROOT));
            }
            return function.compile(call, this);
        }
        if (expression instanceof BinaryExpression binary) {
            return binary(binary);
        }
        if (expression instanceof UnaryExpression unary) {
            return unary(unary);
        }
        if (expression instanceof IsNullPredicate isNull) {
            boolean negated = isNull.negated();
            return new OperatorNode(ScalarType.BOOLEAN, List.of(compile(isNull.operand())), v -> negated == (v[0] != null));
        }
        if (expression instanceof CaseExpression caseExpression) {
            return caseNode(caseExpression);
        }
        if (expression instanceof CastExpression cast) {
            SqlType target = cast.targetType();
            return new ConversionNode(compile(cast.operand()), target);
        }
        throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, "expression " + expression.getClass().getSimpleName() + " is not supported");
    }

    private Node binary(BinaryExpression binary) {
        Node left = compile(binary.left());
        Node right = compile(binary.right());
        BinaryOperator op = binary.operator();
        List<Node> operands = List.of(left, right);
        switch (op) {
            case AND:
                requireType(left, ScalarType.BOOLEAN, op);
                requireType(right, ScalarType.BOOLEAN, op);
                return new OperatorNode(ScalarType.BOOLEAN, operands, v -> and(v[0], v[1]));
            case OR:
                requireType(left, ScalarType.BOOLEAN, op);
                requireType(right, ScalarType.BOOLEAN, op);
                return new OperatorNode(ScalarType.BOOLEAN, operands, v -> or(v[0], v[1]));
            case CONCAT:
                return new OperatorNode(ScalarType.TEXT, operands,
                        v -> v[0] == null || v[1] == null ? null : SqlValues.toText(v[0]).concat(SqlValues.toText(v[1])));
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL:
                if (SqlValues.common(left.type(), right.type()) == null) {
                    throw mismatch(op, left, right);
                }
                return new OperatorNode(ScalarType.BOOLEAN, operands, v -> v[0] == null || v[1] == null ? null : compareResult(op, SqlValues.compare(v[0], v[1])));
            default:
                SqlType common = SqlValues.common(left.type(), right.type());
                if (common == null || !SqlValues.isNumeric(common)) {
                    throw mismatch(op, left, right);
                }
                SqlType resultType = common == ScalarType.NULL ? ScalarType.BIGINT : common;
                return new OperatorNode(resultType, operands, v -> v[0] == null || v[1] == null ? null : Arithmetic.apply(op, (Number) v[0], (Number) v[1]));
        }
    }

    private Node unary(UnaryExpression unary) {
        Node operand = compile(unary.operand());
        switch (unary.operator()) {
            case NOT:
                requireType(operand, ScalarType.BOOLEAN, null);
                return new OperatorNode(ScalarType.BOOLEAN, List.of(operand), v -> v[0] == null ? null : !(Boolean) v[0]);
            case NEGATE:
                if (!SqlValues.isNumeric(operand.type())) {
                    throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "cannot negate a value of type " + operand.type().sqlName());
                }
                return new OperatorNode(operand.type(), List.of(operand), v -> v[0] == null ? null
                        : v[0] instanceof Long l ? (Object) Math.negateExact(l) : (Object) (-((Double) v[0])));
            default:
                return operand;
        }
    }

    private Node caseNode(CaseExpression expression) {
        Node operand = expression.operand() == null ? null : compile(expression.operand());
        List<Node> conditions = new ArrayList<>();
        List<Node> results = new ArrayList<>();
        SqlType type = ScalarType.NULL;
        for (WhenClause when : expression.whenClauses()) {
            Node condition = compile(when.condition());
            if (operand != null) {
                if (SqlValues.common(operand.type(), condition.type()) == null) {
                    throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "CASE compares " + operand.type().sqlName() + " with WHEN values of type " + condition.type().sqlName());
                }
                Node value = condition;
                condition = new OperatorNode(ScalarType.BOOLEAN, List.of(operand, value),
                        v -> v[0] != null && v[1] != null && SqlValues.compare(v[0], v[1]) == 0);
            }
            else {
                requireType(condition, ScalarType.BOOLEAN, null);
            }
            Node result = compile(when.result());
            type = unify(type, result.type());
            conditions.add(condition);
            results.add(result);
        }
        Node elseNode = expression.elseResult() == null ? null : compile(expression.elseResult());
        if (elseNode != null) {
            type = unify(type, elseNode.type());
        }
        return new CaseNode(type, conditions, results, elseNode);
    }

    private static SqlType unify(SqlType current, SqlType next) {
        SqlType common = SqlValues.common(current, next);
        if (common == null) {
            throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "the branches of CASE have different types: " + current.sqlName() + " and " + next.sqlName());
        }
        return common;
    }

    private static void requireType(Node node, SqlType type, BinaryOperator op) {
        if (node.type() != type && node.type() != ScalarType.NULL) {
            throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, (op == null ? "NOT" : op.sql()) + " needs " + type.sqlName()
                    + " operands, but got " + node.type().sqlName());
        }
    }

    private static OutcropException mismatch(BinaryOperator op, Node left, Node right) {
        return new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "operator " + op.sql() + " cannot combine " + left.type().sqlName()
                + " and " + right.type().sqlName() + "; use CAST(… AS …) to convert one side");
    }

    private static Boolean compareResult(BinaryOperator op, int comparison) {
        return switch (op) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS_THAN -> comparison < 0;
            case LESS_THAN_OR_EQUAL -> comparison <= 0;
            case GREATER_THAN -> comparison > 0;
            case GREATER_THAN_OR_EQUAL -> comparison >= 0;
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static Boolean and(Object left, Object right) {
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return false;
        }
        return left == null || right == null ? null : true;
    }

    private static Boolean or(Object left, Object right) {
        if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
            return true;
        }
        return left == null || right == null ? null : false;
    }
}
