package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ServerConfig;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
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
 * <p>Exposes: {@link BedrockEmulator}, {@link CatalogStore}, the AWS adapters of {@link AwsClientsModule},
 * {@link CredentialsProvider}, {@link SealingKeys}, {@link AccountSetup}. Everything it opens is
 * registered with the {@link Closer}.
 */
public final class DemoModule extends AbstractModule {

    /** The trust principal of accounts created in SQL in the demo. */
    static final String DEMO_NEW_ACCOUNT_TRUST_ROLE = "arn:aws:iam::111122223333:role/outcrop-demo-{account}";

    public static final long DEMO_TOKEN_BUDGET = 1_000_000;

    @Override
    protected void configure() {
        install(new AwsClientsModule());
    }

    /** Set by the first provider that needs the emulator or the catalog; see {@link #startBoth}. */
    private CompletableFuture<BedrockEmulator> emulatorStarting;
    private CompletableFuture<CatalogStore> catalogOpening;

    @Provides
    @Singleton
    BedrockEmulator emulator(Closer closer) {
        startBoth(closer);
        return joined(emulatorStarting);
    }

    /**
     * Starts the emulator and opens the catalog, each on a thread of its own, once: the two slowest steps of the demo's
     * start need nothing from each other, nor from the AWS SDK clients that the main thread builds meanwhile (they need
     * only the emulator's address). Each is registered with the closer at once, so what started for a server that then
     * fails to start is closed with the rest.
     */
    private synchronized void startBoth(Closer closer) {
        if (emulatorStarting != null) {
            return;
        }
        // Loopback only, whatever the emulator's default becomes: its admin API (/_emulator/) is unauthenticated
        // and shows the call log with access key ids, which is right for tests, not for a network.
        EmulatorConfig config = EmulatorConfig.defaults().toBuilder().port(0).bindAddress("127.0.0.1").build();
        emulatorStarting = onThread("outcrop-demo-emulator-start", () -> BedrockEmulator.start(config), closer);
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

    @Provides
    @Singleton
    BedrockClientConfig clientConfig(BedrockEmulator emulator) {
        return BedrockClientConfig.builder().bedrockEndpoint(emulator.endpoint()).build();
    }

    /**
     * The embedded H2 catalog, in a directory of its own that is deleted when the demo stops: the demo's
     * sealing key lives only as long as the process, so what it sealed could not be read again anyway.
     */
    @Provides
    @Singleton
    CatalogStore catalog(Closer closer) {
        startBoth(closer);
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
        return new AccountSetup(new AccountSpec(server.account(), BedrockClientConfig.DEFAULT_REGION, EmulatorConfig.TRUST_DEMO_ROLE, DEMO_TOKEN_BUDGET),
                DEMO_TOKEN_BUDGET, TrustSettings.defaults(), DEMO_NEW_ACCOUNT_TRUST_ROLE);
    }
}
