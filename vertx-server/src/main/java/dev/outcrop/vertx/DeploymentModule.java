package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ServerConfig;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.outcrop.bedrock.client.AwsDeploymentCredentials;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.AccountSpec;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.security.SealingKeys;
import java.util.HashMap;
import java.util.Map;

/**
 * A real deployment, configured by properties (a file given with {@code --config}, overridden by
 * {@code OUTCROP_*} environment variables):
 * <ul>
 *   <li>{@code outcrop.catalog.provider} (default {@code jdbc}: embedded H2 unless {@code outcrop.catalog.jdbc.url}
 *       names another database) and {@code outcrop.catalog.*}, passed to the provider without the prefix;</li>
 *   <li>{@code outcrop.sealing-keys} (required): {@code id:base64key[,...]};</li>
 *   <li>{@code outcrop.bedrock.*} and {@code outcrop.sts.*}: see {@link BedrockClientConfig};</li>
 *   <li>{@code outcrop.account.trust-policy-role} (required), {@code outcrop.account.region} (default us-east-1),
 *       {@code outcrop.account.default-token-budget} (default 0).</li>
 * </ul>
 * The deployment's own AWS credentials come from the AWS default chain.
 */
public final class DeploymentModule extends AbstractModule {

    private final Map<String, String> properties;

    public DeploymentModule(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    @Override
    protected void configure() {
        install(new AwsClientsModule());
    }

    private String required(String key) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("setting " + key + " is required: put it in the --config file or set "
                    + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value.trim();
    }

    @Provides
    @Singleton
    BedrockClientConfig clientConfig() {
        return BedrockClientConfig.fromProperties(properties);
    }

    @Provides
    @Singleton
    CatalogStore catalog(Closer closer) {
        Map<String, String> catalogConfig = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("outcrop.catalog.") && !key.equals("outcrop.catalog.provider")) {
                catalogConfig.put(key.substring("outcrop.catalog.".length()), value);
            }
        });
        String provider = properties.getOrDefault("outcrop.catalog.provider", "jdbc");
        return closer.register(CatalogProviders.open(provider, catalogConfig, CatalogContext.defaults()));
    }

    @Provides
    @Singleton
    CredentialsProvider deploymentCredentials() {
        return AwsDeploymentCredentials.defaultChain();
    }

    @Provides
    @Singleton
    SealingKeys sealingKeys() {
        return SealingKeys.parse(required("outcrop.sealing-keys"));
    }

    @Provides
    @Singleton
    AccountSetup account(ServerConfig server) {
        long budget;
        try {
            budget = Long.parseLong(properties.getOrDefault("outcrop.account.default-token-budget", "0").trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("outcrop.account.default-token-budget must be a whole number of tokens");
        }
        AccountSpec spec = new AccountSpec(server.account(), properties.getOrDefault("outcrop.account.region", BedrockClientConfig.DEFAULT_REGION).trim(),
                required("outcrop.account.trust-policy-role"), null);
        return new AccountSetup(spec, budget);
    }
}
