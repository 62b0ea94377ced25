package dev.outcrop.examples;

import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.memory.InMemoryCatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.Session;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.security.SealingKeys;
import java.util.function.UnaryOperator;

/**
 * What every example but {@link QuickStart} starts from, which spells the same steps out: an in-process
 * emulator for Bedrock and STS on a free port, the real AWS SDK clients pointed at it, and an
 * {@link Outcrop} with the account {@value #ACCOUNT} (a token budget, and the emulator's trust role) whose
 * administrator {@value #ADMIN} owns the role location {@value #LOCATION}.
 *
 * <p>To run against AWS instead, drop the emulator and the {@code bedrockEndpoint(...)} override, take the
 * deployment's credentials from {@code AwsDeploymentCredentials.defaultChain()}, your sealing keys from
 * {@code SealingKeys.parse(System.getenv("OUTCROP_SEALING_KEYS"))}, and your own trust and Bedrock roles.
 */
public final class OfflineStack implements AutoCloseable {

    public static final String ACCOUNT = "my_account";
    public static final String ADMIN = "admin";
    public static final String LOCATION = "bedrock_role";
    /** The deployment's credentials for the emulator (AWS's documented example keys). */
    public static final AwsCredentials DEPLOYMENT_CREDENTIALS =
            AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY);

    private final BedrockEmulator emulator;
    private final BedrockModelRuntime bedrock;
    private final StsRoleAssumer sts;
    private final CatalogStore catalog;
    private final Outcrop outcrop;

    private OfflineStack(BedrockEmulator emulator, BedrockModelRuntime bedrock, StsRoleAssumer sts, CatalogStore catalog, Outcrop outcrop) {
        this.emulator = emulator;
        this.bedrock = bedrock;
        this.sts = sts;
        this.catalog = catalog;
        this.outcrop = outcrop;
    }

    /** An in-memory catalog and ephemeral sealing keys. */
    public static OfflineStack start() {
        return start(new InMemoryCatalogStore(), SealingKeys.ephemeral(), UnaryOperator.identity());
    }

    /**
     * @param catalog the catalog, closed with the stack
     * @param sealingKeys the keys that seal the location's credentials
     * @param customize further settings for the builder, such as {@code addEmbeddingModel}
     */
    public static OfflineStack start(CatalogStore catalog, SealingKeys sealingKeys, UnaryOperator<Outcrop.Builder> customize) {
        BedrockEmulator emulator = BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).build());
        BedrockModelRuntime bedrock = null;
        StsRoleAssumer sts = null;
        try {
            BedrockClientConfig aws = BedrockClientConfig.builder().region("us-east-1").bedrockEndpoint(emulator.endpoint()).build();
            bedrock = BedrockModelRuntime.create(aws);
            sts = StsRoleAssumer.create(aws);
            Outcrop outcrop = customize.apply(Outcrop.builder()
                            .catalog(catalog)
                            .modelRuntime(bedrock)
                            .roleAssumer(sts)
                            .deploymentCredentials(CredentialsProvider.fixed(DEPLOYMENT_CREDENTIALS))
                            .sealingKeys(sealingKeys))
                    .build();
            OfflineStack stack = new OfflineStack(emulator, bedrock, sts, catalog, outcrop);
            outcrop.createAccount(new AccountSpec(ACCOUNT, "us-east-1", EmulatorConfig.TRUST_DEMO_ROLE, 1_000_000L), ADMIN);
            stack.admin().execute("CREATE LOCATION IF NOT EXISTS " + LOCATION + " WITH SOURCE = AMAZON_BEDROCK"
                    + " CREDENTIALS = ( AWS_ROLE_ARN = '" + EmulatorConfig.BEDROCK_ACCESS_ROLE + "' )").toCompletableFuture().join();
            return stack;
        }
        catch (RuntimeException e) {
            closeAll(null, sts, bedrock, catalog, emulator);
            throw e;
        }
    }

    /** A new session of the account's administrator. */
    public Session admin() {
        return outcrop.openSession(ACCOUNT, ADMIN);
    }

    public Outcrop outcrop() {
        return outcrop;
    }

    public BedrockEmulator emulator() {
        return emulator;
    }

    public BedrockModelRuntime bedrock() {
        return bedrock;
    }

    @Override
    public void close() {
        closeAll(outcrop, sts, bedrock, catalog, emulator);
    }

    private static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            }
            catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the offline stack failed", e);
                }
                else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
