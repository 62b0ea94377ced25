package dev.outcrop.spark.internal.plan;

import dev.outcrop.spark.internal.runtime.AiFunction;
import java.util.Locale;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Tuple3;

/** Registers the functions, the analysis check and the planner strategy with a session's extensions. */
public final class OutcropFunctions {

    private OutcropFunctions() {
    }

    public static void install(SparkSessionExtensions extensions) {
        for (AiFunction function : AiFunction.values()) {
            String name = function.name().toLowerCase(Locale.ROOT);
            extensions.injectFunction(new Tuple3<>(FunctionIdentifier.apply(name),
                    new ExpressionInfo(AiFunctionCall.class.getName(), null, name, function.name() + "(" + String.join(", ", function.parameters())
                            + "): Outcrop's " + function.name() + "; location and null_on_error are constants", ""),
                    new AiFunctionBuilder(function)));
        }
        extensions.injectCheckRule(session -> new LocationCheck());
        extensions.injectPlannerStrategy(session -> new AiCallStrategy());
    }
}
