package dev.outcrop.benchmarks.core;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.TokenUsage;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.statement.Statement;
import dev.outcrop.sql.SqlParser;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What core adds to one AWS_BEDROCK_AI_QUERY call, the network excluded: the model port is in process
 * and answers at once, the location and its credentials are warm, and the catalog is in memory.
 *
 * <ul>
 *   <li>{@code baseline}: the model port called directly, the floor any path through core stands on;</li>
 *   <li>{@code singleRowStatement}: a parsed one-row SELECT, so planning (location lookup, privilege
 *       check, unsealing) is paid per call;</li>
 *   <li>{@code hundredRowStatement}: a 100-row SELECT; divide by 100 for the per-row cost once planned;</li>
 *   <li>{@code hundredOneRowStatements}: 100 one-row SELECTs in flight together; divide by 100 for what a
 *       one-row statement costs when thread wake-ups are shared, as they are in a busy server.</li>
 * </ul>
 * Read the ratios to the baseline measured in the same run, with {@code -prof gc} for bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AiQueryOverheadBenchmark {

    private static final String BODY = "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}";

    /** Answers every call at once with a fixed body and usage. */
    static final class InstantRuntime implements ModelRuntime {
        private static final CompletableFuture<InvokeModelResponse> ANSWER =
                CompletableFuture.completedFuture(new InvokeModelResponse("{\"output\":\"ok\"}", new TokenUsage(2, 3, true)));

        @Override
        public CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
            return ANSWER;
        }

        @Override
        public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    private InMemoryCatalogStore catalog;
    private Outcrop outcrop;
    private Session session;
    private InstantRuntime runtime;
    private Statement single;
    private Statement hundred;
    private InvokeModelRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = new InstantRuntime();
        catalog = new InMemoryCatalogStore();
        outcrop = Outcrop.builder().catalog(catalog).modelRuntime(runtime).sealingKeys(SealingKeys.ephemeral()).build();
        outcrop.createAccount(new AccountSpec("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", Long.MAX_VALUE / 2), "admin");
        session = outcrop.openSession("acct", "admin");
        session.execute("CREATE LOCATION keys WITH SOURCE = AMAZON_BEDROCK CREDENTIALS = ( AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'"
                + " AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' )").toCompletableFuture().join();
        SqlParser parser = SqlParser.create();
        single = parser.parseStatement("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', $$" + BODY + "$$, 'keys') AS result");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            values.append(i == 0 ? "" : ", ").append('(').append(i).append(')');
        }
        hundred = parser.parseStatement("SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', $$" + BODY + "$$, 'keys') AS result FROM (VALUES "
                + values + ") AS t(n)");
        request = new InvokeModelRequest("amazon.nova-micro-v1:0", BODY, "us-east-1",
                dev.outcrop.core.port.AwsCredentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        outcrop.close();
        catalog.close();
    }

    @Benchmark
    public InvokeModelResponse baseline() {
        return runtime.invokeModel(request).toCompletableFuture().join();
    }

    @Benchmark
    public QueryResult singleRowStatement() {
        return session.execute(single).toCompletableFuture().join();
    }

    @Benchmark
    public Object hundredOneRowStatements() {
        CompletableFuture<?>[] statements = new CompletableFuture<?>[100];
        for (int i = 0; i < statements.length; i++) {
            statements[i] = session.execute(single).toCompletableFuture();
        }
        return CompletableFuture.allOf(statements).join();
    }

    @Benchmark
    public QueryResult hundredRowStatement() {
        return session.execute(hundred).toCompletableFuture().join();
    }
}
