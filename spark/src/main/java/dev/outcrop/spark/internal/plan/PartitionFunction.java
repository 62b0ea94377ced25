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
    /** SQLExecution.EXECUTION_ID_KEY: the local property Spark SQL sets on the jobs of one query execution. */
    static final String EXECUTION_ID = "spark.sql.execution.id";

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
        TaskContext task = TaskContext.get();
        Iterator<Object> output = (Iterator) new PartitionEvaluator(calls, input, runtime.openSession(), runtime.answers(), queryId(task), task,
                settings.rowsPerStatement());
        return CollectionConverters.asScala(output);
    }

    /**
     * The query the task computes: Spark SQL's execution id, which every task of one action carries; so the
     * tasks of one query in this JVM share answers, and those of different queries (even of the same
     * DataFrame) do not. Without one, the task shares only with itself.
     */
    static String queryId(TaskContext task) {
        String execution = task == null ? null : task.getLocalProperty(EXECUTION_ID);
        if (execution != null) {
            return "execution-" + execution;
        }
        return "task-" + (task == null ? java.util.UUID.randomUUID().toString() : Long.toString(task.taskAttemptId()));
    }
}
