package dev.outcrop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.expression.BinaryExpression;
import dev.outcrop.core.expression.BinaryOperator;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionArgument;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.expression.Identifier;
import dev.outcrop.core.expression.IntegerLiteral;
import dev.outcrop.core.expression.StringLiteral;
import dev.outcrop.core.location.AccessKeyCredentials;
import dev.outcrop.core.location.LocationSource;
import dev.outcrop.core.port.ConverseRequest;
import dev.outcrop.core.port.ConverseResponse;
import dev.outcrop.core.port.InvokeModelRequest;
import dev.outcrop.core.port.InvokeModelResponse;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.TokenUsage;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The model calls of all rows of a SELECT are in flight together: a fake model runtime answers no call
 * until every row's call has arrived, so the query could not finish if any row waited for another.
 */
final class RowsInFlightTogetherTest {

    private static final int ROWS = 50;

    /** Holds every call until {@code ROWS} of them are waiting, then answers them all. */
    private static final class GatheringRuntime implements ModelRuntime {
        final List<CompletableFuture<InvokeModelResponse>> waiting = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();

        @Override
        public synchronized CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
            CompletableFuture<InvokeModelResponse> answer = new CompletableFuture<>();
            waiting.add(answer);
            bodies.add(request.body());
            if (waiting.size() == ROWS) {
                for (int i = 0; i < waiting.size(); i++) {
                    waiting.get(i).complete(new InvokeModelResponse("{\"echo\":" + bodies.get(i) + "}", new TokenUsage(1, 1, true)));
                }
            }
            return answer;
        }

        @Override
        public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void everyRowsCallIsInFlightBeforeAnyIsAnswered() throws Exception {
        GatheringRuntime runtime = new GatheringRuntime();
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore();
             Outcrop outcrop = Outcrop.builder().catalog(catalog).modelRuntime(runtime).sealingKeys(SealingKeys.ephemeral())
                     .statementParser(sql -> { throw new UnsupportedOperationException("statements are built by hand here"); })
                     .build()) {
            outcrop.createAccount(new AccountSpec("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", 1_000_000L), "admin");
            Session session = outcrop.openSession("acct", "admin");
            session.execute(new CreateLocation(Identifier.of("keys"), false, LocationSource.AMAZON_BEDROCK,
                    AccessKeyCredentials.of("AKIAEXAMPLE", "secret"), null, null, null)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            List<List<Expression>> rows = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                rows.add(List.of(new IntegerLiteral(i)));
            }
            Expression request = new BinaryExpression(BinaryOperator.CONCAT,
                    new BinaryExpression(BinaryOperator.CONCAT, new StringLiteral("{\"n\":"), ColumnReference.of("n")), new StringLiteral("}"));
            FunctionCall call = new FunctionCall(Identifier.of("aws_bedrock_ai_query"), List.of(
                    FunctionArgument.positional(new StringLiteral("model")), FunctionArgument.positional(request),
                    FunctionArgument.positional(new StringLiteral("keys"))));
            Select select = new Select(List.of(new SelectItem.SingleColumn(call, Identifier.of("answer"))),
                    new Relation.Values(rows, Identifier.of("t"), List.of(Identifier.of("n"))), null, null);

            QueryResult result = session.execute(select).toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(result.rows()).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(result.value(i, 0)).as("row %d keeps its own answer", i).isEqualTo("{\"echo\":{\"n\":" + i + "}}");
            }
        }
    }
}
