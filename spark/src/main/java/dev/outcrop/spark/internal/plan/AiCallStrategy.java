package dev.outcrop.spark.internal.plan;

import dev.outcrop.spark.internal.runtime.AiCallSpec;
import dev.outcrop.spark.internal.runtime.ProjectionCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.CreateNamedStruct;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GetStructField;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression$;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.execution.MapPartitionsExec;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.immutable.Seq;

/**
 * Plans a projection that holds AI calls as three steps, so that a partition's rows reach core together
 * instead of one evaluation per row:
 * <ol>
 *   <li>a projection packs each row into one struct: the child's columns, then every call's per-row arguments;</li>
 *   <li>Spark's MapPartitionsExec hands each partition's structs to {@link PartitionFunction}, which returns
 *       {@code struct(input, r0, r1, ...)}, one result per call;</li>
 *   <li>the original projection, with each call replaced by its result field and each column by its input
 *       field, so the output keeps its names and attribute ids.</li>
 * </ol>
 */
final class AiCallStrategy extends SparkStrategy {

    @Override
    public Seq<SparkPlan> apply(LogicalPlan plan) {
        if (!(plan instanceof Project project)) {
            return Scala.seq(List.of());
        }
        List<NamedExpression> projectList = Scala.list(project.projectList());
        Map<AiFunctionCall, Integer> calls = new IdentityHashMap<>();
        List<AiFunctionCall> ordered = new ArrayList<>();
        for (NamedExpression expression : projectList) {
            findCalls((Expression) expression, calls, ordered);
        }
        if (ordered.isEmpty()) {
            return Scala.seq(List.of());
        }
        LogicalPlan child = project.child();
        List<Attribute> childOutput = Scala.list(child.output());

        List<Expression> packed = new ArrayList<>();
        Map<ExprId, Integer> columnOrdinals = new HashMap<>();
        for (Attribute attribute : childOutput) {
            columnOrdinals.put(attribute.exprId(), columnOrdinals.size());
            packed.add(Literal.create("c" + (packed.size() / 2), DataTypes.StringType));
            packed.add(attribute);
        }
        List<AiCallSpec> specs = new ArrayList<>();
        List<int[]> argumentOrdinals = new ArrayList<>();
        for (AiFunctionCall call : ordered) {
            List<Expression> arguments = Scala.list(call.children());
            int[] ordinals = new int[arguments.size()];
            for (int i = 0; i < ordinals.length; i++) {
                ordinals[i] = packed.size() / 2;
                packed.add(Literal.create("a" + ordinals[i], DataTypes.StringType));
                packed.add(arguments.get(i));
            }
            specs.add(call.spec());
            argumentOrdinals.add(ordinals);
        }
        Alias input = alias(new CreateNamedStruct(Scala.seq(packed)), "outcrop_input", NamedExpression$.MODULE$.newExprId());
        SparkPlan packing = new ProjectExec(Scala.seq(List.of(input)), planLater(child));

        StructType outputType = new StructType().add("input", input.dataType(), false);
        for (int i = 0; i < ordered.size(); i++) {
            outputType = outputType.add("r" + i, ordered.get(i).dataType(), true);
        }
        AttributeReference output = new AttributeReference("outcrop_output", outputType, false, Metadata.empty(),
                NamedExpression$.MODULE$.newExprId(), Scala.seq(List.of()));
        SparkPlan computing = new MapPartitionsExec(new PartitionFunction(new ProjectionCalls(specs, argumentOrdinals)), output, packing);

        Expression inputField = new GetStructField(output, 0, Option.apply("input"));
        List<NamedExpression> unpacked = new ArrayList<>();
        for (NamedExpression expression : projectList) {
            Expression replaced = replace((Expression) expression, calls, columnOrdinals, output, inputField);
            if (expression instanceof Attribute attribute) {
                unpacked.add(new Alias(replaced, attribute.name(), attribute.exprId(), attribute.qualifier(), Option.empty(), Scala.seq(List.of())));
            }
            else {
                unpacked.add((NamedExpression) replaced);
            }
        }
        return Scala.seq(List.of(new ProjectExec(Scala.seq(unpacked), computing)));
    }

    private static void findCalls(Expression expression, Map<AiFunctionCall, Integer> calls, List<AiFunctionCall> ordered) {
        if (expression instanceof AiFunctionCall call) {
            calls.put(call, ordered.size());
            ordered.add(call);
            return;
        }
        for (Expression child : Scala.list(expression.children())) {
            findCalls(child, calls, ordered);
        }
    }

    private static Expression replace(Expression expression, Map<AiFunctionCall, Integer> calls, Map<ExprId, Integer> columnOrdinals,
                                      Attribute output, Expression inputField) {
        if (expression instanceof AiFunctionCall call) {
            int index = calls.get(call);
            return new GetStructField(output, 1 + index, Option.apply("r" + index));
        }
        if (expression instanceof Attribute attribute && columnOrdinals.containsKey(attribute.exprId())) {
            int ordinal = columnOrdinals.get(attribute.exprId());
            return new GetStructField(inputField, ordinal, Option.apply("c" + ordinal));
        }
        List<Expression> children = Scala.list(expression.children());
        if (children.isEmpty()) {
            return expression;
        }
        List<Expression> replaced = new ArrayList<>(children.size());
        for (Expression child : children) {
            replaced.add(replace(child, calls, columnOrdinals, output, inputField));
        }
        return expression.withNewChildren(Scala.seq(replaced));
    }

    private static Alias alias(Expression child, String name, ExprId id) {
        return new Alias(child, name, id, Scala.seq(List.of()), Option.empty(), Scala.seq(List.of()));
    }
}
