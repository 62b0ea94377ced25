package dev.outcrop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
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
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.DropLocation;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** behaviours.md: after DROP LOCATION, calls naming it fail as for an unknown location; calls already in flight may finish. */
final class DropWithCallsInFlightTest {

    /** Holds the first call until the test lets it go. */
    private static final class HeldRuntime implements ModelRuntime {
        final CompletableFuture<Void> arrived = new CompletableFuture<>();
        final CompletableFuture<InvokeModelResponse> answer = new CompletableFuture<>();

        @Override
        public CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
            arrived.complete(null);
            return answer;
        }

        @Override
        public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    private static Select call() {
        return new Select(List.of(new SelectItem.SingleColumn(new FunctionCall(Identifier.of("aws_bedrock_ai_query"), List.of(
                FunctionArgument.positional(new StringLiteral("amazon.nova-micro-v1:0")), FunctionArgument.positional(new StringLiteral("{}")),
                FunctionArgument.positional(new StringLiteral("keys")))), null)), null, null, null);
    }

    @Test
    void aCallInFlightFinishes_andTheNextCallFailsAsForAnUnknownLocation() throws Exception {
        HeldRuntime runtime = new HeldRuntime();
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore();
             Outcrop outcrop = Outcrop.builder().catalog(catalog).modelRuntime(runtime).sealingKeys(SealingKeys.ephemeral())
                     .statementParser(sql -> { throw new UnsupportedOperationException(); }).build()) {
            outcrop.createAccount(new AccountSpec("acct", "us-east-1", "arn:aws:iam::111122223333:role/trust", 100L), "admin");
            Session session = outcrop.openSession("acct", "admin");
            session.execute(new CreateLocation(Identifier.of("keys"), false, LocationSource.AMAZON_BEDROCK, AccessKeyCredentials.of("a", "b"),
                    null, null, null)).toCompletableFuture().get(10, TimeUnit.SECONDS);

            CompletableFuture<QueryResult> inFlight = session.execute(call()).toCompletableFuture();
            runtime.arrived.get(10, TimeUnit.SECONDS);
            session.execute(new DropLocation(Identifier.of("keys"), false, false)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            runtime.answer.complete(new InvokeModelResponse("{\"ok\":true}", new TokenUsage(1, 1, true)));

            assertThat(inFlight.get(10, TimeUnit.SECONDS).value(0, 0)).isEqualTo("{\"ok\":true}");
            assertThatThrownBy(() -> session.execute(call()).toCompletableFuture().join())
                    .hasMessageContaining("location 'keys' does not exist or you have no privilege on it");
            assertThat(catalog.usage("acct", java.time.LocalDate.now(java.time.ZoneOffset.UTC))).as("the finished call was charged").isEqualTo(2);
        }
    }
}
