package dev.outcrop.bedrock.client;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The deployment's own AWS credentials, from any SDK credentials provider: by default the AWS default
 * chain (environment, system properties, profile, container and instance metadata).
 */
public final class AwsDeploymentCredentials implements CredentialsProvider {

    private final AwsCredentialsProvider provider;

    private AwsDeploymentCredentials(AwsCredentialsProvider provider) {
        this.provider = provider;
    }

    /** The AWS default credentials chain. */
    public static AwsDeploymentCredentials defaultChain() {
        return new AwsDeploymentCredentials(DefaultCredentialsProvider.builder().build());
    }

    public static AwsDeploymentCredentials from(AwsCredentialsProvider provider) {
        return new AwsDeploymentCredentials(requireNonNull(provider, "provider is null"));
    }

    @Override
    public CompletionStage<AwsCredentials> resolveCredentials() {
        // Resolution may read files or call instance metadata; the SDK caches, so this is cheap after the first call.
        return CompletableFuture.supplyAsync(() -> {
            var resolved = provider.resolveCredentials();
            String token = resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null;
            return new AwsCredentials(resolved.accessKeyId(), resolved.secretAccessKey(), token, resolved.expirationTime().orElse(null));
        });
    }
}
