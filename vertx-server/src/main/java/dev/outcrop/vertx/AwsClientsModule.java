package dev.outcrop.vertx;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.outcrop.bedrock.client.BedrockModelRuntime;
import dev.outcrop.bedrock.client.StsRoleAssumer;
import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.s3.S3ObjectStorage;
import dev.outcrop.core.port.ModelRuntime;
import dev.outcrop.core.port.ObjectStorage;
import dev.outcrop.core.port.RoleAssumer;

/**
 * The AWS SDK adapters, built from whatever {@link BedrockClientConfig} the environment module binds.
 * Exposes {@link ModelRuntime}, {@link RoleAssumer} and the {@link ObjectStorage} that READ_CSV and READ_JSON read S3
 * locations through (made on first use: see {@link LazyObjectStorage}), all registered with the {@link Closer}.
 */
final class AwsClientsModule extends AbstractModule {

    @Provides
    @Singleton
    ModelRuntime runtime(BedrockClientConfig config, Closer closer) {
        return closer.register(BedrockModelRuntime.create(config));
    }

    @Provides
    @Singleton
    RoleAssumer roleAssumer(BedrockClientConfig config, Closer closer) {
        return closer.register(StsRoleAssumer.create(config));
    }

    @Provides
    @Singleton
    ObjectStorage objectStorage(BedrockClientConfig config, Closer closer) {
        return closer.register(new LazyObjectStorage<>(() -> config.s3Endpoint() == null ? S3ObjectStorage.create()
                : S3ObjectStorage.create(config.s3Endpoint())));
    }
}
