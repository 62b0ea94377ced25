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
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.statement.CreateLocation;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A location's REGION, else its account's, is where calls go; new accounts get the deployment's default budget. */
final class RegionAndDefaultBudgetTest {

    /** Answers at once and remembers the region of every call. */
    private static final class RecordingRuntime implements ModelRuntime {
        final List<String> regions = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<InvokeModelResponse> invokeModel(InvokeModelRequest request) {
            regions.add(request.region());
            return CompletableFuture.completedFuture(new InvokeModelResponse("{}", new TokenUsage(1, 1, true)));
        }

        @Override
        public CompletionStage<ConverseResponse> converse(ConverseRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    private static Select call(String location) {
        return new Select(List.of(new SelectItem.SingleColumn(new FunctionCall(Identifier.of("aws_bedrock_ai_query"), List.of(
                FunctionArgument.positional(new StringLiteral("amazon.nova-micro-v1:0")), FunctionArgument.positional(new StringLiteral("{}")),
                FunctionArgument.positional(new StringLiteral(location)))), null)), null, null, null);
    }

    /** Both instances of a test are servers of one deployment: one catalog, one set of sealing keys. */
    private static final SealingKeys KEYS = SealingKeys.ephemeral();

    private static Outcrop.Builder builder(RecordingRuntime runtime, InMemoryCatalogStore catalog) {
        return Outcrop.builder().catalog(catalog).modelRuntime(runtime).sealingKeys(KEYS)
                .statementParser(sql -> { throw new UnsupportedOperationException(); });
    }

    @Test
    void callsGoToTheLocationsRegion_elseTheAccounts() throws Exception {
        RecordingRuntime runtime = new RecordingRuntime();
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore(); Outcrop outcrop = builder(runtime, catalog).build()) {
            outcrop.createAccount(new AccountSpec("acct", "eu-central-1", "arn:aws:iam::111122223333:role/trust", 100L), "admin");
            Session session = outcrop.openSession("acct", "admin");
            session.execute(new CreateLocation(Identifier.of("home"), false, LocationSource.AMAZON_BEDROCK, AccessKeyCredentials.of("a", "b"),
                    null, null, null)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            session.execute(new CreateLocation(Identifier.of("away"), false, LocationSource.AMAZON_BEDROCK, AccessKeyCredentials.of("a", "b"),
                    null, null, "us-west-2")).toCompletableFuture().get(10, TimeUnit.SECONDS);

            session.execute(call("home")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            session.execute(call("away")).toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(runtime.regions).containsExactly("eu-central-1", "us-west-2");
        }
    }

    @Test
    void newAccounts_startWithTheConfiguredDefaultBudget() throws Exception {
        RecordingRuntime runtime = new RecordingRuntime();
        try (InMemoryCatalogStore catalog = new InMemoryCatalogStore(); Outcrop outcrop = builder(runtime, catalog).defaultTokenBudget(2).build();
             Outcrop strict = builder(runtime, catalog).build()) {
            outcrop.createAccount(AccountSpec.of("generous", "us-east-1", "arn:aws:iam::111122223333:role/trust-generous"), "admin");
            strict.createAccount(AccountSpec.of("default", "us-east-1", "arn:aws:iam::111122223333:role/trust-default"), "admin");
            for (String account : List.of("generous", "default")) {
                outcrop.openSession(account, "admin").execute(new CreateLocation(Identifier.of("keys"), false, LocationSource.AMAZON_BEDROCK,
                        AccessKeyCredentials.of("a", "b"), null, null, null)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }

            outcrop.openSession("generous", "admin").execute(call("keys")).toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(catalog.findAccount("generous").orElseThrow().llmTokenBudget()).isEqualTo(2);
            assertThat(catalog.findAccount("default").orElseThrow().llmTokenBudget()).as("0 unless the deployment sets another").isZero();
            assertThatThrownBy(() -> strict.openSession("default", "admin").execute(call("keys")).toCompletableFuture().join())
                    .hasMessageContaining("0 of 0 tokens used");
            assertThat(runtime.regions).hasSize(1);
        }
    }
}
