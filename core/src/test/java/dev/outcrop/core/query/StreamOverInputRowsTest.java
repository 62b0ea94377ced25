package dev.outcrop.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.FunctionArgument;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationSource;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.TokenUsage;
import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import dev.outcrop.core.type.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The batch path for engines that hold their own rows: a SELECT reads the caller's rows {@code FROM <name>},
 * and core computes an AI function over them, in order, NULL in giving NULL out, with the location checked
 * at planning, before any row is pulled.
 */
final class StreamOverInputRowsTest {

    private static final List<Column> COLUMNS = List.of(new Column("model", ScalarType.TEXT), new Column("request", ScalarType.TEXT));

    /** Answers every call with its body, echoed. */
    private static final class EchoRuntime implements ModelRuntime {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new InvokeModelResponse("{\"echo\":" + request.body() + "}", new TokenUsage(1, 1, true)));
        }

        @Override
        public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    /** {@code SELECT AWS_BEDROCK_AI_QUERY(model, request, '<location>') FROM spark_rows}, built by hand: core has no parser of its own. */
    private static Select select(String location) {
        FunctionCall call = new FunctionCall(Identifier.of("aws_bedrock_ai_query"), List.of(
                FunctionArgument.positional(ColumnReference.of("model")), FunctionArgument.positional(ColumnReference.of("request")),
                FunctionArgument.positional(new StringLiteral(location))));
        return new Select(List.of(new SelectItem.SingleColumn(call, Identifier.of("answer"))),
                new Relation.TableName(List.of(Identifier.of("spark_rows"))), null, null);
    }

    @Test
    void computesTheFunctionOverTheCallersRowsInOrder() throws Exception {
        EchoRuntime runtime = new EchoRuntime();
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore();
             Outcrop outcrop = Outcrop.builder().catalog(catalog).modelRuntime(runtime).sealingKeys(SealingKeys.ephemeral())
                     .statementParser(sql -> List.of(select(sql))).build()) {
            Session session = sessionWithLocation(outcrop);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                rows.add(new Object[] {"model", i == 7 ? null : "{\"n\":" + i + "}"});
            }

            RowStream stream = session.startStream("keys", InputRows.of("SPARK_ROWS", COLUMNS, rows), QueryOptions.defaults())
                    .result().toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<Row> answers = stream.allRows().toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(answers).hasSize(3000);
            assertThat(answers.get(7).values()).as("NULL in, NULL out, no call").containsExactly((Object) null);
            assertThat(answers.get(2999).values()).containsExactly("{\"echo\":{\"n\":2999}}");
            assertThat(runtime.calls).hasValue(2999);
        }
    }

    @Test
    void anUnknownLocationFailsAtPlanningBeforeAnyRowIsPulled() throws Exception {
        EchoRuntime runtime = new EchoRuntime();
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore();
             Outcrop outcrop = Outcrop.builder().catalog(catalog).modelRuntime(runtime).sealingKeys(SealingKeys.ephemeral())
                     .statementParser(sql -> List.of(select(sql))).build()) {
            Session session = sessionWithLocation(outcrop);
            AtomicInteger pulled = new AtomicInteger();
            java.util.Iterator<Object[]> rows = new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Object[] next() {
                    pulled.incrementAndGet();
                    return new Object[] {"model", "{}"};
                }
            };

            CompletableFuture<RowStream> stream = session.startStream("no_such_location", new InputRows("spark_rows", COLUMNS, rows, -1),
                    QueryOptions.defaults()).result().toCompletableFuture();

            assertThatThrownBy(() -> stream.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(OutcropException.class).hasMessageContaining("no_such_location");
            assertThat(pulled).hasValue(0);
            assertThat(runtime.calls).hasValue(0);
        }
    }

    @Test
    void refusesAnInputWithoutColumns() {
        assertThatThrownBy(() -> InputRows.of("t", List.of(), List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'t'");
    }

    private static Session sessionWithLocation(Outcrop outcrop) throws Exception {
        outcrop.createAccount(new AccountSpec("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", 1_000_000L), "admin");
        Session session = outcrop.openSession("acct", "admin");
        session.execute(new CreateLocation(Identifier.of("keys"), false, LocationSource.AMAZON_BEDROCK,
                AccessKeyCredentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), null, null, null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return session;
    }
}
