package dev.outcrop.spark.internal.plan;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.spark.internal.runtime.AiCallSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;

/**
 * A call of AWS_BEDROCK_AI_QUERY, AI_QUERY or AI_EMBED_TEXT in a Spark plan. Its children are the per-row
 * arguments (already cast to text); its constants (location, null_on_error, the embedding model) were
 * checked during analysis. It is never evaluated row by row: {@link AiCallStrategy} plans the projection
 * that holds it as a partition-at-a-time computation through core. It is marked non-deterministic so that
 * the optimizer neither copies it nor pushes filters through it (each copy would call the model again).
 */
public final class AiFunctionCall extends Expression {

    private static final long serialVersionUID = 1L;

    private final AiCallSpec spec;
    private final Seq<Expression> arguments;

    AiFunctionCall(AiCallSpec spec, Seq<Expression> arguments) {
        this.spec = spec;
        this.arguments = arguments;
    }

    public AiCallSpec spec() {
        return spec;
    }

    @Override
    public Seq<Expression> children() {
        return arguments;
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public DataType dataType() {
        return spec.function().returnsEmbedding() ? DataTypes.createArrayType(DataTypes.DoubleType, false) : DataTypes.StringType;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public Object eval(InternalRow input) {
        throw notInAProjection();
    }

    @Override
    public ExprCode doGenCode(CodegenContext context, ExprCode code) {
        throw notInAProjection();
    }

    private OutcropException notInAProjection() {
        return new OutcropException(OutcropErrorCode.NOT_SUPPORTED, spec.function().name() + " can only be computed in a SELECT list (a"
                + " projection): compute it in a subquery's SELECT list and use its column in WHERE, JOIN or ORDER BY");
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> children) {
        return new AiFunctionCall(spec, children.toSeq());
    }

    @Override
    public int productArity() {
        return 2;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> spec;
            case 1 -> arguments;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof AiFunctionCall;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AiFunctionCall call && call.spec.equals(spec) && call.arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return spec.hashCode() * 31 + arguments.hashCode();
    }

    @Override
    public String prettyName() {
        return spec.function().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        List<Expression> args = Scala.list(arguments);
        return spec.function().name() + "(" + args.stream().map(Object::toString).collect(Collectors.joining(", "))
                + (spec.embeddingModel() == null ? "" : ", model => '" + spec.embeddingModel() + "'")
                + ", location => '" + spec.location() + "', null_on_error => " + spec.nullOnError() + ")";
    }

    @Override
    public String sql() {
        List<Expression> args = Scala.list(arguments);
        return spec.function().name() + "(" + args.stream().map(Expression::sql).collect(Collectors.joining(", "))
                + ", location => '" + spec.location().replace("'", "''") + "')";
    }
}
