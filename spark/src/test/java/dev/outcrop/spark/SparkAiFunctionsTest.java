package dev.outcrop.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.query.InputRows;
import dev.outcrop.core.query.QueryOptions;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.type.ScalarType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The functions in a local[2] Spark application, against the emulator and an Outcrop server on the same
 * PostgreSQL catalog. One stack for the class: starting Spark is the slow part.
 */
final class SparkAiFunctionsTest {

    static final String MODEL = "amazon.nova-micro-v1:0";
    static final String PREFIX = "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"row ";
    static final String SUFFIX = "\"}]}]}";
    static final int ROWS = 10_000;

    static SparkTestStack stack;
    static final AtomicInteger jobsStarted = new AtomicInteger();

    @BeforeAll
    static void start() {
        stack = SparkTestStack.start(1_000_000_000L);
        stack.spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobsStarted.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void quietEmulator() {
        stack.emulator.faults().reset();
        stack.emulator.clearCalls();
    }

    /** {@code id} and a Nova request naming the row, {@code key} rows sharing each request. */
    static Dataset<org.apache.spark.sql.Row> requests(int rows, long rowsPerRequest) {
        return stack.spark.range(0, rows, 1, 2)
                .withColumn("request", concat(lit(PREFIX), col("id").divide(rowsPerRequest).cast("long").cast("string"), lit(SUFFIX)));
    }

    @Test
    void tenThousandRows_inSqlAndThroughTheDataFrameApi_giveCoresAnswers_withOneCallPerRow() throws Exception {
        Dataset<org.apache.spark.sql.Row> requests = requests(ROWS, 1);
        requests.createOrReplaceTempView("requests");
        Map<Long, String> expected = coresAnswers(ROWS);
        long usageBefore = stack.usageToday();

        List<org.apache.spark.sql.Row> viaSql = stack.spark.sql("SELECT id, AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '"
                + SparkTestStack.LOCATION + "') AS answer FROM requests").collectAsList();

        assertThat(stack.emulator.callCount("InvokeModel")).as("one call per distinct row").isEqualTo(ROWS);
        assertAnswers(viaSql, expected);
        assertThat(stack.usageToday()).as("an Outcrop server on the same catalog sees the job's usage").isGreaterThanOrEqualTo(usageBefore + ROWS);

        List<org.apache.spark.sql.Row> viaCallFunction = requests.select(col("id"),
                call_function("aws_bedrock_ai_query", lit(MODEL), col("request"), lit(SparkTestStack.LOCATION)).as("answer")).collectAsList();
        assertAnswers(viaCallFunction, expected);

        List<org.apache.spark.sql.Row> viaNamedArguments = requests.select(col("id"), expr("AWS_BEDROCK_AI_QUERY(model => '" + MODEL
                + "', request => request, location => '" + SparkTestStack.LOCATION + "', null_on_error => TRUE)").as("answer")).collectAsList();
        assertAnswers(viaNamedArguments, expected);
    }

    @Test
    void withoutTaskFailures_theEmulatorCountsOneCallPerDistinctRow() {
        List<org.apache.spark.sql.Row> answers = requests(ROWS, 2).selectExpr("id",
                "AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '" + SparkTestStack.LOCATION + "') AS answer").collectAsList();

        assertThat(answers).hasSize(ROWS).allSatisfy(row -> assertThat(row.getString(1)).contains("Echo: row " + (row.getLong(0) / 2)));
        assertThat(stack.emulator.callCount("InvokeModel")).isEqualTo(ROWS / 2);
    }

    @Test
    void nullInGivesNullOut_withoutACall() {
        List<org.apache.spark.sql.Row> answers = stack.spark.sql("SELECT AWS_BEDROCK_AI_QUERY('" + MODEL + "', CAST(NULL AS STRING), '"
                + SparkTestStack.LOCATION + "') AS answer, AI_QUERY(CAST(NULL AS STRING), 'Hello', '" + SparkTestStack.LOCATION + "') AS chat").collectAsList();

        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).isNullAt(0)).isTrue();
        assertThat(answers.get(0).isNullAt(1)).isTrue();
        assertThat(stack.emulator.calls()).isEmpty();
    }

    @Test
    void aiEmbedText_returnsAnArrayOfDouble_asCoreDoes() throws Exception {
        Dataset<org.apache.spark.sql.Row> embedded = stack.spark.range(0, 20, 1, 2).selectExpr("id",
                "AI_EMBED_TEXT('amazon.titan-embed-text-v2:0', concat('text ', id), dimensions => 256, location => '"
                        + SparkTestStack.LOCATION + "') AS embedding");

        assertThat(embedded.schema().apply("embedding").dataType()).isEqualTo(new ArrayType(DataTypes.DoubleType, false));
        List<org.apache.spark.sql.Row> rows = embedded.collectAsList();
        Object core = stack.run("SELECT AI_EMBED_TEXT('amazon.titan-embed-text-v2:0', 'text 3', dimensions => 256, location => '"
                + SparkTestStack.LOCATION + "')").value(0, 0);
        org.apache.spark.sql.Row third = rows.stream().filter(row -> row.getLong(0) == 3).findFirst().orElseThrow();
        List<Double> fromSpark = third.<Number>getList(1).stream().map(Number::doubleValue).toList();
        List<Double> fromCore = ((List<?>) core).stream().map(value -> ((Number) value).doubleValue()).toList();
        assertThat(fromSpark).hasSize(256).isEqualTo(fromCore);
    }

    @Test
    void anUnknownLocation_failsAtAnalysis_beforeAnyJobOrCall() {
        int jobsBefore = jobsStarted.get();

        assertThatThrownBy(() -> stack.spark.sql("SELECT AWS_BEDROCK_AI_QUERY('" + MODEL + "', 'hello', 'no_such_location')"))
                .satisfies(failure -> assertThat(SparkTestStack.outcropCause(failure)).isNotNull()
                        .extracting(OutcropException::getMessage).asString().contains("no_such_location"));

        assertThat(jobsStarted.get()).as("no Spark job started").isEqualTo(jobsBefore);
        assertThat(stack.emulator.calls()).isEmpty();
    }

    @Test
    void aBudgetExhaustedMidJob_failsTheJobWithTheBudgetError() {
        long usage = stack.usageToday();
        // About a tenth of the rows' tokens: the budget runs out while the job runs.
        stack.run("ALTER ACCOUNT " + SparkTestStack.ACCOUNT + " SET (LLM_TOKEN_BUDGET = " + (usage + 30_000) + ")");
        try {
            assertThatThrownBy(() -> requests(ROWS, 1).selectExpr("AWS_BEDROCK_AI_QUERY('" + MODEL + "', concat(request, ''), '"
                    + SparkTestStack.LOCATION + "') AS answer").collectAsList())
                    .satisfies(failure -> assertThat(SparkTestStack.outcropCause(failure)).isNotNull()
                            .extracting(OutcropException::errorCode).isEqualTo(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED.toErrorCode()));
            assertThat(stack.emulator.callCount("InvokeModel")).as("calls were made before the budget ran out").isPositive().isLessThan(ROWS);
        }
        finally {
            stack.run("ALTER ACCOUNT " + SparkTestStack.ACCOUNT + " SET (LLM_TOKEN_BUDGET = 1000000000)");
        }
    }

    private static void assertAnswers(List<org.apache.spark.sql.Row> rows, Map<Long, String> expected) {
        assertThat(rows).hasSize(expected.size());
        for (org.apache.spark.sql.Row row : rows) {
            assertThat(row.getString(1)).as("row %d", row.getLong(0)).isEqualTo(expected.get(row.getLong(0)));
        }
    }

    /** The answers of the Outcrop server's own session for the same requests: what core gives. */
    private static Map<Long, String> coresAnswers(int rows) throws Exception {
        List<Object[]> input = new ArrayList<>();
        for (long id = 0; id < rows; id++) {
            input.add(new Object[] {id, PREFIX + id + SUFFIX});
        }
        var stream = stack.admin.startStream("SELECT id, AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '" + SparkTestStack.LOCATION + "') FROM t",
                InputRows.of("t", List.of(new Column("id", ScalarType.BIGINT), new Column("request", ScalarType.TEXT)), input),
                QueryOptions.defaults()).result().toCompletableFuture().get(60, TimeUnit.SECONDS);
        CompletableFuture<Map<Long, String>> answers = new CompletableFuture<>();
        stream.rows().subscribe(new Flow.Subscriber<>() {
            private final Map<Long, String> collected = new HashMap<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Row row) {
                collected.put((Long) row.values().get(0), (String) row.values().get(1));
            }

            @Override
            public void onError(Throwable failure) {
                answers.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                answers.complete(collected);
            }
        });
        Map<Long, String> result = answers.get(120, TimeUnit.SECONDS);
        stack.emulator.clearCalls();
        return result;
    }
}
