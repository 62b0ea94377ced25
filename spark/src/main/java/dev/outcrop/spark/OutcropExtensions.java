package dev.outcrop.spark;

import dev.outcrop.spark.internal.plan.OutcropFunctions;
import org.apache.spark.sql.SparkSessionExtensions;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * Adds Outcrop's AI functions to Spark SQL: {@code AWS_BEDROCK_AI_QUERY}, {@code AI_QUERY} and
 * {@code AI_EMBED_TEXT}, in SQL and through {@code functions.call_function} or {@code expr} in the
 * DataFrame API. Enable it with {@code spark.sql.extensions=dev.outcrop.spark.OutcropExtensions}; the
 * {@code spark.outcrop.*} settings ({@link dev.outcrop.spark.config.SparkOutcropSettings}) say which catalog, account and principal.
 *
 * <p>During analysis the driver checks each call's location and the principal's privilege on it. At run time
 * each task sends its partition's rows through core, batch by batch, in the executor's one Outcrop runtime.
 */
public final class OutcropExtensions implements Function1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        OutcropFunctions.install(extensions);
        return BoxedUnit.UNIT;
    }
}
