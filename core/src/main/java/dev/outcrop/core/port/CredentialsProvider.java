package dev.outcrop.core.port;

import java.util.concurrent.CompletionStage;

/**
 * Supplies the deployment's own AWS credentials: the first link of the chain that ends at a
 * customer's role. Adapters offer the AWS default chain; extension authors may plug in their own
 * (a vault, a metadata service).
 */
@FunctionalInterface
public interface CredentialsProvider {

    CompletionStage<AwsCredentials> resolveCredentials();

    static CredentialsProvider fixed(AwsCredentials credentials) {
        java.util.Objects.requireNonNull(credentials, "credentials is null");
        java.util.concurrent.CompletableFuture<AwsCredentials> done = java.util.concurrent.CompletableFuture.completedFuture(credentials);
        return () -> done;
    }
}
