package dev.outcrop.examples;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;

/**
 * Outcrop as a library, offline: the emulator stands in for Bedrock and STS, an in-memory catalog
 * holds the location, and the seed's two statements run through the real AWS SDK.
 *
 * <p>Run it from an IDE, or: {@code mvn -q -pl examples -am install -DskipTests && mvn -q -pl examples exec:java
 * -Dexec.mainClass=dev.outcrop.examples.QuickStart}. {@code ExamplesRunTest} runs it in every build.
 */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) {
        try (BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).build());
             BedrockModelRuntime bedrock = BedrockModelRuntime.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).build());
             StsRoleAssumer sts = StsRoleAssumer.create(BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).build());
             InMemoryCatalogStore catalog = new InMemoryCatalogStore();
             Outcrop outcrop = Outcrop.builder()
                     .catalog(catalog)
                     .modelRuntime(bedrock)
                     .roleAssumer(sts)
                     .deploymentCredentials(CredentialsProvider.fixed(AwsCredentials.of(
                             EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY)))
                     .sealingKeys(SealingKeys.ephemeral())
                     .build()) {

            outcrop.createAccount(new AccountSpec("my_account", "us-east-1", EmulatorConfig.TRUST_DEMO_ROLE, 100_000L), "admin");
            Session session = outcrop.openSession("my_account", "admin");

            QueryResult result = session.execute("""
                    CREATE LOCATION bedrock_role WITH
                      SOURCE = AMAZON_BEDROCK
                      CREDENTIALS = ( AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess' );
                    SELECT AWS_BEDROCK_AI_QUERY(
                      'amazon.nova-micro-v1:0',
                      $${"schemaVersion":"messages-v1","messages":[{"role":"user","content":[{"text":"Hello"}]}]}$$,
                      'bedrock_role') AS result;
                    """).toCompletableFuture().join();

            System.out.println(result.columns().get(0).name() + " = " + result.value(0, 0));
        }
    }
}
