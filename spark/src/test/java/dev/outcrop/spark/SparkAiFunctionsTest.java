package dev.outcrop.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
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
    static final int ROWS_PER_REQUEST = 4;
    /** Small batches, so that one partition's rows go to core in several statements. */
    static final int ROWS_PER_STATEMENT = 256;

    static SparkTestStack stack;
    static final AtomicInteger jobsStarted = new AtomicInteger();
    static final AtomicInteger tasksRunning = new AtomicInteger();
    static final AtomicInteger tasksFailed = new AtomicInteger();

    @BeforeAll
    static void start() {
        // local[2, 2]: two task slots, as local[2], and a failed task is tried once more, as on a cluster.
        stack = SparkTestStack.start(1_000_000_000L, Map.of("spark.master", "local[2,2]",
                "spark.outcrop.rows-per-statement", Integer.toString(ROWS_PER_STATEMENT)));
        stack.spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobsStarted.incrementAndGet();
            }

            @Override
            public void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart taskStart) {
                tasksRunning.incrementAndGet();
            }

            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd taskEnd) {
                if (!(taskEnd.reason() instanceof org.apache.spark.Success$)) {
                    tasksFailed.incrementAndGet();
                }
                tasksRunning.decrementAndGet();
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

    /**
     * 10,000 rows, four to a request, the four scattered at random over eight partitions and, within them,
     * over batches of {@value #ROWS_PER_STATEMENT} rows: SQL, call_function and named arguments, each row
     * checked against the answer core gives for its request. The emulator is called exactly once per distinct
     * request, for the whole query: batches, tasks and partitions of this executor share answers. The Outcrop
     * server then shows the job's usage.
     */
    @Test
    void tenThousandRows_inSqlAndThroughTheDataFrameApi_giveCoresAnswers_withOneCallPerDistinctRow() throws Exception {
        int distinct = ROWS / ROWS_PER_REQUEST;
        requests(ROWS, ROWS_PER_REQUEST).withColumn("shuffle", rand(15)).repartition(8).sortWithinPartitions("shuffle")
                .createOrReplaceTempView("requests");
        Map<Long, String> expected = coresAnswers(distinct);
        long usageBefore = stack.usageToday();
        // Some latency, so that duplicates also meet while their call is in flight, not only once it answered.
        stack.emulator.faults().setAll(dev.outcrop.bedrock.emulator.FaultSpec.builder().latency(java.time.Duration.ofMillis(20)).build());

        // Two projections: the SQL one, then the DataFrame API's, whose calls of the same request share that call too.
        List<org.apache.spark.sql.Row> answers = stack.spark.sql("SELECT id, spark_partition_id() AS part, monotonically_increasing_id() AS pos,"
                        + " AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '" + SparkTestStack.LOCATION + "') AS via_sql, request FROM requests")
                .select(col("id"), col("part"), col("pos"), col("via_sql"),
                        call_function("aws_bedrock_ai_query", lit(MODEL), col("request"), lit(SparkTestStack.LOCATION)).as("via_call_function"),
                        expr("AWS_BEDROCK_AI_QUERY(location => '" + SparkTestStack.LOCATION + "', model => '" + MODEL
                                + "', request => request, null_on_error => TRUE)").as("via_named_arguments"))
                .collectAsList();

        assertThat(answers).hasSize(ROWS);
        Map<Long, java.util.Set<String>> batchesOfRequest = new HashMap<>();
        for (org.apache.spark.sql.Row row : answers) {
            long request = row.getLong(0) / ROWS_PER_REQUEST;
            String core = expected.get(request);
            assertThat(core).isNotNull();
            assertThat(List.of(row.getString(3), row.getString(4), row.getString(5))).as("row %d", row.getLong(0)).containsOnly(core);
            long positionInPartition = row.getLong(2) & ((1L << 33) - 1);
            batchesOfRequest.computeIfAbsent(request, key -> new java.util.HashSet<>())
                    .add(row.getInt(1) + "/" + positionInPartition / ROWS_PER_STATEMENT);
        }
        assertThat(batchesOfRequest.values().stream().filter(batches -> batches.size() == ROWS_PER_REQUEST).count())
                .as("requests whose four rows sit in four different batches (of 40, at random: 86 %%)").isGreaterThan(distinct * 3L / 4);
        assertThat(stack.emulator.callCount("InvokeModel")).as("one call per distinct request in the whole query").isEqualTo(distinct);
        assertThat(stack.usageToday()).as("an Outcrop server on the same catalog sees the job's usage")
                .isGreaterThanOrEqualTo(usageBefore + distinct);
    }

    /**
     * A task fails after its calls answered and is tried again on the same executor: the retry takes the
     * answers the first attempt had, so there is one call per distinct request, and the budget is charged
     * exactly what core charges for those requests.
     */
    @Test
    void aRetriedTask_onTheSameExecutor_callsAndChargesNoMoreThanOncePerDistinctRequest() throws Exception {
        int rows = 2_000;
        int failAt = rows / 2 - 1;  // the last row of partition 0: every call of that partition has answered
        stack.spark.udf().register("fail_first_attempt_at", new FailFirstAttemptAt(), DataTypes.StringType);
        Dataset<org.apache.spark.sql.Row> input = stack.spark.range(0, rows, 1, 2)
                .withColumn("request", concat(lit(PREFIX + "retry "), col("id").cast("string"), lit(SUFFIX)));
        int failedBefore = tasksFailed.get();
        long usageBefore = stack.settledUsageToday();

        List<org.apache.spark.sql.Row> answers = input.select(col("id"),
                        expr("AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '" + SparkTestStack.LOCATION + "')").as("answer"))
                .select(col("id"), call_function("fail_first_attempt_at", col("id"), lit((long) failAt), col("answer")).as("answer"))
                .collectAsList();

        assertThat(answers).hasSize(rows).allSatisfy(row -> assertThat(row.getString(1)).contains("row retry " + row.getLong(0)));
        assertThat(tasksFailed.get() - failedBefore).as("the injected failure").isEqualTo(1);
        assertThat(stack.emulator.callCount("InvokeModel")).as("the retry called nothing again").isEqualTo(rows);
        long sparkCharge = stack.settledUsageToday() - usageBefore;

        // What core charges for the same requests, each called once.
        stack.emulator.clearCalls();
        List<Object[]> same = new ArrayList<>();
        for (long id = 0; id < rows; id++) {
            same.add(new Object[] {PREFIX + "retry " + id + SUFFIX});
        }
        long coreBefore = stack.settledUsageToday();
        var stream = stack.admin.startStream("SELECT AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '" + SparkTestStack.LOCATION + "') FROM t",
                InputRows.of("t", List.of(new Column("request", ScalarType.TEXT)), same), QueryOptions.defaults())
                .result().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(stream.allRows().toCompletableFuture().get(120, TimeUnit.SECONDS)).hasSize(rows);
        assertThat(stack.emulator.callCount("InvokeModel")).isEqualTo(rows);
        assertThat(sparkCharge).as("the job's charge, against core's for the same calls").isEqualTo(stack.settledUsageToday() - coreBefore)
                .isPositive();
    }

    /** Fails the first attempt of the task that meets row {@code failAt}; passes the answer through otherwise. */
    static final class FailFirstAttemptAt implements org.apache.spark.sql.api.java.UDF3<Long, Long, String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(Long id, Long failAt, String answer) {
            if (id.equals(failAt) && org.apache.spark.TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure of the first attempt at row " + id);
            }
            return answer;
        }
    }

    @Test
    void aLocationThePrincipalMayNotUse_failsAtAnalysis_withThePrivilegeError_beforeAnyJobOrCall() {
        int jobsBefore = jobsStarted.get();

        assertThatThrownBy(() -> stack.spark.sql("SELECT AI_QUERY('" + MODEL + "', 'hello', '" + SparkTestStack.OTHER_LOCATION + "')"))
                .satisfies(failure -> assertThat(SparkTestStack.outcropCause(failure)).isNotNull()
                        .satisfies(error -> assertThat(error.errorCode()).isEqualTo(OutcropErrorCode.LOCATION_NOT_FOUND.toErrorCode()))
                        .extracting(OutcropException::getMessage).asString()
                        .contains("GRANT USAGE ON LOCATION " + SparkTestStack.OTHER_LOCATION));

        assertThat(jobsStarted.get()).as("no Spark job started").isEqualTo(jobsBefore);
        assertThat(stack.emulator.calls()).isEmpty();
        // The same query with the location the principal holds USAGE on runs.
        assertThat(stack.spark.sql("SELECT AI_QUERY('" + MODEL + "', 'hello', '" + SparkTestStack.LOCATION + "')").collectAsList()).hasSize(1);
    }

    @Test
    void theExampleJob_scoresReviews() {
        Dataset<org.apache.spark.sql.Row> reviews = stack.spark.range(0, 3, 1, 1).selectExpr("id AS review_id", "concat('review ', id) AS review");

        List<org.apache.spark.sql.Row> scored = dev.outcrop.spark.example.ReviewSentimentJob.score(reviews, SparkTestStack.LOCATION).collectAsList();

        assertThat(scored).hasSize(3).allSatisfy(row -> assertThat(row.getString(2)).startsWith("Echo: Answer with one word"));
        assertThat(stack.emulator.callCount("Converse")).isEqualTo(3);
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
        List<Double> fromCore = java.util.Arrays.stream((double[]) core).boxed().toList();
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
    void misuse_isRefusedAtAnalysis_withWhatToDo() {
        int jobsBefore = jobsStarted.get();

        assertThatThrownBy(() -> stack.spark.sql("SELECT AI_QUERY(endpoint => '" + MODEL + "', prompt => 'hi', place => 'x')"))
                .hasMessageContaining("AI_QUERY has no parameter place");
        assertThatThrownBy(() -> stack.spark.sql("SELECT id FROM range(3) WHERE AI_QUERY('" + MODEL + "', 'hi', '" + SparkTestStack.LOCATION
                + "') = 'yes'")).hasMessageContaining("can only be computed in a SELECT list");
        assertThatThrownBy(() -> stack.spark.sql("SELECT AI_QUERY('" + MODEL + "', 'hi', concat('bedrock_', string(id))) FROM range(3)"))
                .hasMessageContaining("location must be a constant");

        assertThat(jobsStarted.get()).isEqualTo(jobsBefore);
        assertThat(stack.emulator.calls()).isEmpty();
    }

    @Test
    void cancellingTheJob_stopsItsCalls() throws Exception {
        stack.emulator.faults().setAll(dev.outcrop.bedrock.emulator.FaultSpec.builder().latency(java.time.Duration.ofMillis(200)).build());
        CompletableFuture<Object> job = CompletableFuture.supplyAsync(() -> {
            // Without thread interruption: the task notices the kill by looking at its TaskContext, as it must when Spark
            // does not interrupt (the default for job groups).
            stack.spark.sparkContext().setJobGroup("cancel-me", "a job the test cancels", false);
            try {
                return requests(ROWS, 1).selectExpr("AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '" + SparkTestStack.LOCATION + "') AS answer")
                        .collectAsList();
            }
            finally {
                stack.spark.sparkContext().clearJobGroup();
            }
        });
        while (stack.emulator.callCount("InvokeModel") < 100 && !job.isDone()) {
            Thread.sleep(20);
        }

        stack.spark.sparkContext().cancelJobGroup("cancel-me");

        assertThatThrownBy(() -> job.get(60, TimeUnit.SECONDS)).hasMessageContaining("cancel");
        // The driver fails the job at once; each task stops when it sees it was killed, and cancels its calls then.
        while (tasksRunning.get() > 0 || stack.emulator.requestsInProgress() > 0) {
            Thread.sleep(20);
        }
        long afterCancel = stack.emulator.callCount("InvokeModel");
        Thread.sleep(1000);
        assertThat(stack.emulator.callCount("InvokeModel")).as("no call starts after the cancel").isEqualTo(afterCancel).isLessThan(ROWS);
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

    /** The answers of the Outcrop server's own session to requests 0 to n - 1: what core gives, by request number. */
    private static Map<Long, String> coresAnswers(int requests) throws Exception {
        List<Object[]> input = new ArrayList<>();
        for (long id = 0; id < requests; id++) {
            input.add(new Object[] {id, PREFIX + id + SUFFIX});
        }
        var stream = stack.admin.startStream("SELECT id, AWS_BEDROCK_AI_QUERY('" + MODEL + "', request, '" + SparkTestStack.LOCATION + "') FROM t",
                InputRows.of("t", List.of(new Column("id", ScalarType.BIGINT), new Column("request", ScalarType.TEXT)), input),
                QueryOptions.defaults()).result().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Map<Long, String> result = new HashMap<>();
        for (Row row : stream.allRows().toCompletableFuture().get(120, TimeUnit.SECONDS)) {
            result.put((Long) row.values().get(0), (String) row.values().get(1));
        }
        stack.emulator.clearCalls();
        return result;
    }
}
