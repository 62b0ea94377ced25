package dev.outcrop.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.client.AwsDeploymentCredentials;
import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.security.SealingKeys;
import java.net.URI;

/**
 * README's quick start, as a project outside Outcrop's build writes it: a LOCATION with a role, then one
 * {@code AWS_BEDROCK_AI_QUERY} through the real AWS SDK (its Netty client, and STS to assume the role).
 *
 * <p>{@code ConsumerQuickStartTest} runs it against the in-process emulator. By hand, against the standalone
 * emulator ({@code java -jar bedrock-emulator/target/outcrop-bedrock-emulator.jar --port 8787}) with its
 * deployment keys in {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}:
 * {@code java -cp <class path> dev.outcrop.consumer.ConsumerQuickStart http://127.0.0.1:8787 Hello}.
 */
public final class ConsumerQuickStart {

    /** The emulator's default setup: the role the demo account's deployment assumes first ... */
    static final String TRUST_ROLE = "arn:aws:iam::111122223333:role/outcrop-trust-demo";
    /** ... and the customer's role that it then assumes, which may invoke every model. */
    static final String BEDROCK_ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsumerQuickStart() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8787");
        String question = args.length > 1 ? args[1] : "Hello";
        System.out.println(ask(endpoint, AwsDeploymentCredentials.defaultChain(), TRUST_ROLE, BEDROCK_ROLE, question));
    }

    /**
     * Asks Amazon Nova Micro one question through Outcrop and returns the text of its answer.
     *
     * @param endpoint where Bedrock Runtime and STS answer
     * @param deploymentCredentials the deployment's own AWS credentials
     * @param trustRole the role the deployment assumes for the account
     * @param bedrockRole the customer's role, named by the LOCATION, that may invoke the model
     */
    public static String ask(URI endpoint, CredentialsProvider deploymentCredentials, String trustRole, String bedrockRole, String question) {
        BedrockClientConfig aws = BedrockClientConfig.builder().bedrockEndpoint(endpoint).build();
        try (BedrockModelRuntime bedrock = BedrockModelRuntime.create(aws);
             StsRoleAssumer sts = StsRoleAssumer.create(aws);
             InMemoryCatalogStore catalog = new InMemoryCatalogStore();
             Outcrop outcrop = Outcrop.builder()
                     .catalog(catalog)
                     .modelRuntime(bedrock)
                     .roleAssumer(sts)
                     .deploymentCredentials(deploymentCredentials)
                     .sealingKeys(SealingKeys.ephemeral())
                     .build()) {

            // A daily token budget: the default is 0, which refuses every model call.
            outcrop.createAccount(new AccountSpec("my_account", "us-east-1", trustRole, 100_000L), "admin");
            Session session = outcrop.openSession("my_account", "admin");
            QueryResult result = session.execute("""
                    CREATE LOCATION bedrock_role WITH
                      SOURCE = AMAZON_BEDROCK
                      CREDENTIALS = ( AWS_ROLE_ARN = '%s' );
                    SELECT AWS_BEDROCK_AI_QUERY('amazon.nova-micro-v1:0', $$%s$$, 'bedrock_role') AS result;
                    """.formatted(bedrockRole, novaRequest(question))).toCompletableFuture().join();
            return answerText(String.valueOf(result.value(0, 0)));
        }
    }

    /** Nova's messages-v1 request with one user message. */
    private static String novaRequest(String question) {
        if (question.contains("$$")) {
            throw new IllegalArgumentException("the question must not contain $$, which ends the SQL literal");
        }
        ObjectNode request = JSON.createObjectNode().put("schemaVersion", "messages-v1");
        request.putArray("messages").addObject().put("role", "user").putArray("content").addObject().put("text", question);
        return request.toString();
    }

    /** The text of Nova's answer: {@code output.message.content[0].text}. */
    private static String answerText(String response) {
        try {
            JsonNode text = JSON.readTree(response).at("/output/message/content/0/text");
            if (!text.isTextual()) {
                throw new IllegalStateException("no answer text in the model's response: " + response);
            }
            return text.asText();
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the model's response is not JSON: " + response, e);
        }
    }
}
