package dev.outcrop.spark.internal.plan;

import dev.outcrop.spark.config.SparkOutcropSettings;
import dev.outcrop.spark.internal.runtime.OutcropRuntime;
import dev.outcrop.spark.internal.runtime.PartitionEvaluator;
import dev.outcrop.spark.internal.runtime.ProjectionCalls;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What each task runs over its partition: the rows, each the input struct of the projection, go through
 * this JVM's Outcrop runtime. Only the calls' names travel with the task; credentials and keys stay in
 * each JVM's Spark conf.
 */
final class PartitionFunction implements Function1<scala.collection.Iterator<Object>, scala.collection.Iterator<Object>>, Serializable {

    private static final long serialVersionUID = 1L;

    private final ProjectionCalls calls;

    PartitionFunction(ProjectionCalls calls) {
        this.calls = calls;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public scala.collection.Iterator<Object> apply(scala.collection.Iterator<Object> rows) {
        SparkOutcropSettings settings = SparkConfSettings.current();
        OutcropRuntime runtime = OutcropRuntime.get(settings);
        Iterator<InternalRow> input = (Iterator) CollectionConverters.asJava(rows);
        Iterator<Object> output = (Iterator) new PartitionEvaluator(calls, input, runtime.openSession(), TaskContext.get(), settings.rowsPerStatement());
        return CollectionConverters.asScala(output);
    }
}
