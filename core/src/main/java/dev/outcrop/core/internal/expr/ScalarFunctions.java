package dev.outcrop.core.internal.expr;

import dev.outcrop.core.internal.eval.ConversionNode;
import dev.outcrop.core.internal.eval.Node;
import dev.outcrop.core.internal.eval.OperatorNode;
import dev.outcrop.core.internal.eval.SqlValues;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.type.ArrayType;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Functions computed in process: vector distances for embeddings, and a few text helpers. */
public final class ScalarFunctions {

    private ScalarFunctions() {
    }

    public static void register(Map<String, FunctionCompiler> functions) {
        functions.put("vector_cosine_similarity", vector("VECTOR_COSINE_SIMILARITY", (a, b) -> dot(a, b) / (norm(a) * norm(b))));
        functions.put("vector_cosine_distance", vector("VECTOR_COSINE_DISTANCE", (a, b) -> 1 - dot(a, b) / (norm(a) * norm(b))));
        functions.put("vector_inner_product", vector("VECTOR_INNER_PRODUCT", ScalarFunctions::dot));
        functions.put("vector_euclidean_distance", vector("VECTOR_EUCLIDEAN_DISTANCE", (a, b) -> {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                sum += d * d;
            }
            return Math.sqrt(sum);
        }));
        functions.put("lower", text("LOWER", s -> s.toLowerCase(Locale.ROOT)));
        functions.put("upper", text("UPPER", s -> s.toUpperCase(Locale.ROOT)));
        functions.put("length", (call, compiler) -> {
            Node arg = single(call, compiler, "LENGTH");
            return new OperatorNode(ScalarType.BIGINT, List.of(arg), v -> v[0] == null ? null
                    : v[0] instanceof double[] array ? (Object) (long) array.length : (Object) (long) SqlValues.toText(v[0]).codePointCount(0, SqlValues.toText(v[0]).length()));
        });
        functions.put("coalesce", (call, compiler) -> {
            List<Node> args = new ArrayList<>();
            SqlType type = ScalarType.NULL;
            for (var argument : call.arguments()) {
                Node node = compiler.compile(argument.value());
                SqlType common = SqlValues.common(type, node.type());
                if (common == null) {
                    throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "COALESCE arguments have different types: " + type.sqlName() + " and " + node.type().sqlName());
                }
                type = common;
                args.add(node);
            }
            if (args.isEmpty()) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "COALESCE needs at least one argument");
            }
            return new OperatorNode(type, args, v -> {
                for (Object value : v) {
                    if (value != null) {
                        return value;
                    }
                }
                return null;
            });
        });
    }

    private interface VectorOperation {
        double apply(double[] a, double[] b);
    }

    private static FunctionCompiler vector(String name, VectorOperation operation) {
        return (call, compiler) -> {
            Expression[] args = ArgumentBinder.bind(call, name, List.of("vector1", "vector2"), 2, Map.of());
            Node left = array(compiler.compile(args[0]), name);
            Node right = array(compiler.compile(args[1]), name);
            return new OperatorNode(ScalarType.DOUBLE, List.of(left, right), v -> {
                if (v[0] == null || v[1] == null) {
                    return null;
                }
                double[] a = (double[]) v[0];
                double[] b = (double[]) v[1];
                if (a.length != b.length) {
                    throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, name + " needs vectors of equal length, but got " + a.length + " and " + b.length
                            + "; embed both with the same model and DIMENSIONS");
                }
                return operation.apply(a, b);
            });
        };
    }

    private static Node array(Node node, String function) {
        if (node.type() instanceof ArrayType || node.type() == ScalarType.NULL) {
            return node;
        }
        if (node.type() == ScalarType.TEXT) {
            return new ConversionNode(node, ArrayType.DOUBLE_ARRAY);
        }
        throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, function + " needs ARRAY(DOUBLE) arguments, such as the result of AI_EMBED_TEXT, but got " + node.type().sqlName());
    }

    private static FunctionCompiler text(String name, Function<String, String> operation) {
        return (call, compiler) -> {
            Node arg = single(call, compiler, name);
            return new OperatorNode(ScalarType.TEXT, List.of(arg), v -> v[0] == null ? null : operation.apply(SqlValues.toText(v[0])));
        };
    }

    private static Node single(FunctionCall call, ExpressionCompiler compiler, String name) {
        Expression[] args = ArgumentBinder.bind(call, name, List.of("value"), 1, Map.of());
        return compiler.compile(args[0]);
    }

    private static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
