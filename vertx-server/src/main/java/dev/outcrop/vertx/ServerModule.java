package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ServerConfig;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.RoleAssumer;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.vertx.internal.ServerMetrics;

/**
 * Builds the {@link Outcrop} facade from the components an environment module binds
 * ({@link DemoModule} or {@link DeploymentModule}): {@link CatalogStore}, {@link ModelRuntime},
 * {@link RoleAssumer}, {@link CredentialsProvider}, {@link SealingKeys} and {@link AccountSetup}.
 *
 * <p>Exposes: {@link ServerConfig}, {@link Closer}, {@link StartupGate} and {@link Outcrop}. The facade is registered with
 * the {@link Closer}; the application closes the closer when it stops.
 */
public final class ServerModule extends AbstractModule {

    private final ServerConfig config;
    private final Closer closer;
    private final StartupGate gate;

    /** Without a server: the {@link StartupGate} is open from the start. */
    public ServerModule(ServerConfig config, Closer closer) {
        this(config, closer, StartupGate.alreadyOpen());
    }

    public ServerModule(ServerConfig config, Closer closer, StartupGate gate) {
        this.config = java.util.Objects.requireNonNull(config, "config is null");
        this.closer = java.util.Objects.requireNonNull(closer, "closer is null");
        this.gate = java.util.Objects.requireNonNull(gate, "gate is null");
    }

    @Override
    protected void configure() {
        bind(ServerConfig.class).toInstance(config);
        bind(Closer.class).toInstance(closer);
        bind(StartupGate.class).toInstance(gate);
    }

    /** Made before Outcrop, which reports its model calls to it. */
    @Provides
    @Singleton
    ServerMetrics metrics() {
        return ServerMetrics.create();
    }

    /**
     * Guice makes the parameters in this order. The AWS clients come before the catalog: an environment that opens its
     * catalog on another thread ({@link DemoModule}) builds them meanwhile, instead of waiting for the catalog first.
     */
    @Provides
    @Singleton
    Outcrop outcrop(ModelRuntime runtime, RoleAssumer roleAssumer, dev.outcrop.core.port.ObjectStorage objectStorage, CatalogStore catalog,
                    CredentialsProvider deploymentCredentials, SealingKeys keys, AccountSetup account, ServerMetrics metrics) {
        Outcrop.Builder builder = Outcrop.builder().aiMetrics(metrics.aiCalls());
        config.userFilesDirectory().ifPresent(builder::userFilesDirectory);
        Outcrop outcrop = closer.register(builder
                .catalog(catalog)
                .modelRuntime(runtime)
                .roleAssumer(roleAssumer)
                .deploymentCredentials(deploymentCredentials)
                .sealingKeys(keys)
                .objectStorage(objectStorage)
                .defaultTokenBudget(account.defaultTokenBudget())
                .trustSettings(account.trust())
                .organization(new dev.outcrop.core.security.Organization(account.spec().name(), account.newAccountTrustPolicyRole(),
                        account.spec().region()))
                .build());
        outcrop.createAccount(account.spec(), config.principal());
        return outcrop;
    }
}
