package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ServerConfig;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.s3.S3ObjectStorage;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.ObjectStorage;
import dev.outcrop.core.port.RoleAssumer;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.security.TrustSettings;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.security.SealingKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The offline demo: the Bedrock emulator in the same process (its documented default identities and
 * roles), an embedded H2 catalog, a throw-away sealing key, and the account {@code my_account} whose trust
 * principal the emulator's demo roles trust, with a budget of a million tokens a day. The seed's
 * statements run against it unchanged.
 *
 * <p>Exposes: {@link BedrockEmulator}, {@link CatalogStore}, {@link ModelRuntime}, {@link RoleAssumer} and
 * {@link ObjectStorage} (the AWS SDK's, pointed at the emulator), {@link CredentialsProvider}, {@link SealingKeys},
 * {@link AccountSetup}. Everything it opens is registered with the {@link Closer}. The catalog opens first, beside the
 * injector; the emulator and the AWS clients once the server has answered its first request ({@link DemoAws}).
 */
public final class DemoModule extends AbstractModule implements EarlyStart {

    /** The trust principal of accounts created in SQL in the demo. */
    static final String DEMO_NEW_ACCOUNT_TRUST_ROLE = "arn:aws:iam::111122223333:role/outcrop-demo-{account}";

    public static final long DEMO_TOKEN_BUDGET = 1_000_000;

    /** Set by {@link #startEarly} (or the catalog's provider, for an injector made without a server). */
    private CompletableFuture<CatalogStore> catalogOpening;

    /** The demo account's daily token budget. */
    private final long tokenBudget;

    /** The demo, with its account's budget of {@link #DEMO_TOKEN_BUDGET} tokens a day. */
    public DemoModule() {
        this(DEMO_TOKEN_BUDGET);
    }

    /**
     * The demo with another daily token budget for its account: a load test at thousands of calls a second spends the
     * demo's million tokens in about a minute, and every later call is refused by the budget.
     */
    public DemoModule(long tokenBudget) {
        if (tokenBudget < 0) {
            throw new IllegalArgumentException("tokenBudget must not be negative, but was " + tokenBudget);
        }
        this.tokenBudget = tokenBudget;
    }

    /**
     * Opens the catalog on a thread of its own while Guice builds the injector and Vert.x starts: the slowest step of the
     * demo's start before its first answer, and one that needs neither. Registered with the closer at once, so that
     * what opened for a server that then fails to start is closed with the rest.
     */
    @Override
    public synchronized void startEarly(Closer closer) {
        if (catalogOpening != null) {
            return;
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("outcrop-demo-catalog");
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for the demo's catalog under " + System.getProperty("java.io.tmpdir"), e);
        }
        // Registered before the store, so closed after it.
        closer.register(() -> deleteRecursively(directory));
        catalogOpening = onThread("outcrop-demo-catalog-open", () -> CatalogProviders.open("jdbc",
                Map.of("jdbc.url", "jdbc:h2:file:" + directory.resolve("catalog")), CatalogContext.defaults()), closer);
    }

    private static <T extends AutoCloseable> CompletableFuture<T> onThread(String name, Supplier<T> task, Closer closer) {
        CompletableFuture<T> started = CompletableFuture.supplyAsync(task, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        });
        closer.register(() -> {
            T opened = started.exceptionally(failure -> null).join();
            if (opened != null) {
                opened.close();
            }
        });
        return started;
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        }
        catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The emulator, the SDK clients pointed at it: made after the first answer, or when first needed (see {@link DemoAws}). */
    @Provides
    @Singleton
    DemoAws aws(Closer closer, StartupGate gate) {
        return new DemoAws(closer, gate);
    }

    /** Asking for the emulator starts it if it has not started, and waits for it. */
    @Provides
    @Singleton
    BedrockEmulator emulator(DemoAws aws) {
        aws.start();
        return joined(aws.emulator());
    }

    @Provides
    @Singleton
    ModelRuntime runtime(DemoAws aws) {
        // Core reads the limit when it is built, before the runtime exists; the demo's configuration differs from the
        // defaults only in its endpoints.
        return new DeferredModelRuntime(new Deferred<>(aws.runtime(), aws::start, "the demo's Bedrock client"),
                BedrockClientConfig.defaults().maxConcurrency());
    }

    @Provides
    @Singleton
    RoleAssumer roleAssumer(DemoAws aws) {
        return new DeferredRoleAssumer(new Deferred<>(aws.roleAssumer(), aws::start, "the demo's STS client"));
    }

    /** Made on first use (READ_CSV or READ_JSON of an S3 location), against the emulator's S3. */
    @Provides
    @Singleton
    ObjectStorage objectStorage(DemoAws aws, Closer closer) {
        return closer.register(new LazyObjectStorage<>(() -> {
            aws.start();
            BedrockClientConfig config = DemoAws.clientConfig(joined(aws.emulator()).endpoint());
            return config.s3Endpoint() == null ? S3ObjectStorage.create() : S3ObjectStorage.create(config.s3Endpoint());
        }));
    }

    /**
     * The embedded H2 catalog, in a directory of its own that is deleted when the demo stops: the demo's
     * sealing key lives only as long as the process, so what it sealed could not be read again anyway.
     */
    @Provides
    @Singleton
    CatalogStore catalog(Closer closer) {
        startEarly(closer);
        return joined(catalogOpening);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Provides
    @Singleton
    CredentialsProvider deploymentCredentials() {
        return CredentialsProvider.fixed(AwsCredentials.of(EmulatorConfig.DEPLOYMENT_ACCESS_KEY_ID, EmulatorConfig.DEPLOYMENT_SECRET_ACCESS_KEY));
    }

    @Provides
    @Singleton
    SealingKeys sealingKeys() {
        return SealingKeys.ephemeral();
    }

    @Provides
    @Singleton
    AccountSetup account(ServerConfig server) {
        // Accounts created in SQL get their own trust principal (accounts never share one), which no emulator role trusts:
        // their access-key locations work, role locations are refused by the emulator's STS.
        return new AccountSetup(new AccountSpec(server.account(), BedrockClientConfig.DEFAULT_REGION, EmulatorConfig.TRUST_DEMO_ROLE, tokenBudget),
                tokenBudget, TrustSettings.defaults(), DEMO_NEW_ACCOUNT_TRUST_ROLE);
    }
}
