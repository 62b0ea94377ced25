package dev.outcrop.spark.internal.plan;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.spark.internal.runtime.AiCallSpec;
import dev.outcrop.spark.internal.runtime.OutcropRuntime;
import dev.outcrop.spark.internal.runtime.ProjectionCalls;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * Runs on the driver after analysis, before any job: every AI call of the plan must sit in a projection,
 * must not take another AI call's result as an argument, and must name a location that exists and that the
 * job's principal may use. Core plans the call over no rows to check that, so it checks exactly what the
 * executors will need, and no model is called.
 */
final class LocationCheck implements Function1<LogicalPlan, BoxedUnit> {

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        Set<AiCallSpec> calls = new LinkedHashSet<>();
        visit(plan, calls);
        if (!calls.isEmpty()) {
            OutcropRuntime runtime = OutcropRuntime.get(SparkConfSettings.current());
            for (AiCallSpec call : calls) {
                int arguments = call.function().rowParameters().size();
                runtime.check(new ProjectionCalls(List.of(call), List.of(IntStream.range(0, arguments).toArray())));
            }
        }
        return BoxedUnit.UNIT;
    }

    private static void visit(LogicalPlan plan, Set<AiCallSpec> calls) {
        for (Expression expression : Scala.list(plan.expressions())) {
            collect(expression, plan, calls, false);
        }
        for (LogicalPlan child : Scala.list(plan.children())) {
            visit(child, calls);
        }
    }

    private static void collect(Expression expression, LogicalPlan owner, Set<AiCallSpec> calls, boolean insideCall) {
        if (expression instanceof PlanExpression<?> subquery && subquery.plan() instanceof LogicalPlan inner) {
            visit(inner, calls);
        }
        if (expression instanceof AiFunctionCall call) {
            String function = call.spec().function().name();
            if (insideCall) {
                throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, function + " cannot take another AI function's result as an"
                        + " argument: compute the inner call in a subquery's SELECT list and pass its column");
            }
            if (!(owner instanceof Project)) {
                throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, function + " can only be computed in a SELECT list, not in "
                        + owner.nodeName() + ": compute it in a subquery's SELECT list and use its column there");
            }
            calls.add(call.spec());
        }
        boolean inside = insideCall || expression instanceof AiFunctionCall;
        for (Expression child : Scala.list(expression.children())) {
            collect(child, owner, calls, inside);
        }
    }
}
