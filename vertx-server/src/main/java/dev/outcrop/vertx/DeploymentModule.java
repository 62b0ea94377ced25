package dev.outcrop.vertx;

import dev.outcrop.vertx.config.ConfigSetting;
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
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.port.CredentialsProvider;
import dev.outcrop.core.security.SealingKeys;
import dev.outcrop.core.security.TrustSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real deployment, configured by properties (a file given with {@code --config}, overridden by
 * {@code OUTCROP_*} environment variables):
 * <ul>
 *   <li>{@code outcrop.catalog.provider} (default {@code jdbc}: embedded H2 unless {@code outcrop.catalog.jdbc.url}
 *       names another database) and {@code outcrop.catalog.*}, passed to the provider without the prefix;</li>
 *   <li>{@code outcrop.sealing-keys} (required): {@code id:base64key[,...]};</li>
 *   <li>{@code outcrop.bedrock.*}, {@code outcrop.sts.*} and {@code outcrop.s3.*}: see {@link BedrockClientConfig};</li>
 *   <li>{@code outcrop.account.trust-policy-role} (required; {@code {account}} in it stands for the account's name),
 *       {@code outcrop.account.region} (default us-east-1), {@code outcrop.account.default-token-budget} (default 0),
 *       {@code outcrop.account.allow-shared-trust-principals} and {@code outcrop.account.require-role-external-id} (default false).</li>
 * </ul>
 * The deployment's own AWS credentials come from the AWS default chain.
 */
public final class DeploymentModule extends AbstractModule {

    static final String CATALOG_PREFIX = "outcrop.catalog.";
    static final String CATALOG_PROVIDER = "outcrop.catalog.provider";
    static final String DEFAULT_CATALOG_PROVIDER = "jdbc";
    static final String SEALING_KEYS = "outcrop.sealing-keys";
    static final String TRUST_POLICY_ROLE = "outcrop.account.trust-policy-role";
    static final String ACCOUNT_REGION = "outcrop.account.region";
    static final String DEFAULT_TOKEN_BUDGET = "outcrop.account.default-token-budget";
    static final String ALLOW_SHARED_TRUST_PRINCIPALS = "outcrop.account.allow-shared-trust-principals";
    static final String REQUIRE_ROLE_EXTERNAL_ID = "outcrop.account.require-role-external-id";

    /**
     * The settings this module reads itself, with their defaults and meaning; docs/configuration.md is
     * generated from it. It also hands {@code outcrop.catalog.*} to the catalog provider and
     * {@code outcrop.bedrock.*}, {@code outcrop.sts.*}, {@code outcrop.s3.*} to {@link BedrockClientConfig#fromProperties}.
     */
    public static final List<ConfigSetting> SETTINGS = List.of(
            ConfigSetting.withoutDefault(SEALING_KEYS, "Required. The AES-256 keys that seal location credentials in the catalog: "
                    + "`id:base64key[,id:base64key...]`, each key 32 random bytes (`openssl rand -base64 32`); the first seals, all unseal. "
                    + "Every server on one catalog needs the same keys. See operations.md, \"Rotating the sealing keys\"."),
            ConfigSetting.withoutDefault(TRUST_POLICY_ROLE, "Required. The ARN of the account's trust principal: the role the deployment's "
                    + "own credentials assume, and that customers name in their roles' trust policies. May be a template in which `{account}` "
                    + "stands for the account's name, such as `arn:aws:iam::111122223333:role/outcrop-{account}`. Used when the account is created."),
            ConfigSetting.of(ALLOW_SHARED_TRUST_PRINCIPALS, false, "Whether two accounts may have the same trust principal. Off, a server whose "
                    + "account would share one with another account of the catalog refuses to start: accounts that share one can assume each "
                    + "other's customer roles that demand no external ID. See security.md."),
            ConfigSetting.of(REQUIRE_ROLE_EXTERNAL_ID, false, "Whether role locations must name `AWS_ROLE_EXTERNAL_ID`; on, CREATE LOCATION and "
                    + "ALTER LOCATION … SET CREDENTIALS refuse a role without one."),
            ConfigSetting.of(ACCOUNT_REGION, BedrockClientConfig.DEFAULT_REGION, "The account's region, used for locations that name none. "
                    + "Used when the account is created."),
            ConfigSetting.of(DEFAULT_TOKEN_BUDGET, Outcrop.Builder.DEFAULT_TOKEN_BUDGET, "The daily LLM token budget of new accounts; 0 refuses "
                    + "every AI call until `ALTER ACCOUNT … SET (LLM_TOKEN_BUDGET = n)`."),
            ConfigSetting.of(CATALOG_PROVIDER, DEFAULT_CATALOG_PROVIDER, "The catalog provider: `jdbc` (H2 or PostgreSQL, below) or `memory` "
                    + "(nothing persisted). The other `outcrop.catalog.*` keys go to the provider without the `outcrop.catalog.` prefix."));

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
        return closer.register(openCatalog(properties));
    }

    /** The catalog the settings name; the caller closes it. Also used by the {@code reseal} command. */
    static CatalogStore openCatalog(Map<String, String> properties) {
        Map<String, String> catalogConfig = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(CATALOG_PREFIX) && !key.equals(CATALOG_PROVIDER)) {
                catalogConfig.put(key.substring(CATALOG_PREFIX.length()), value);
            }
        });
        String provider = properties.getOrDefault(CATALOG_PROVIDER, DEFAULT_CATALOG_PROVIDER);
        return CatalogProviders.open(provider, catalogConfig, CatalogContext.defaults());
    }

    @Provides
    @Singleton
    CredentialsProvider deploymentCredentials() {
        return AwsDeploymentCredentials.defaultChain();
    }

    @Provides
    @Singleton
    SealingKeys sealingKeys() {
        return SealingKeys.parse(required(SEALING_KEYS));
    }

    @Provides
    @Singleton
    AccountSetup account(ServerConfig server) {
        long budget;
        try {
            budget = Long.parseLong(properties.getOrDefault(DEFAULT_TOKEN_BUDGET, String.valueOf(Outcrop.Builder.DEFAULT_TOKEN_BUDGET)).trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(DEFAULT_TOKEN_BUDGET + " must be a whole number of tokens");
        }
        AccountSpec spec = AccountSpec.fromTemplate(server.account(), properties.getOrDefault(ACCOUNT_REGION, BedrockClientConfig.DEFAULT_REGION).trim(),
                required(TRUST_POLICY_ROLE), null);
        return new AccountSetup(spec, budget, new TrustSettings(flag(ALLOW_SHARED_TRUST_PRINCIPALS), flag(REQUIRE_ROLE_EXTERNAL_ID)),
                required(TRUST_POLICY_ROLE));
    }

    private boolean flag(String key) {
        String value = properties.getOrDefault(key, "false").trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, but was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
