package dev.outcrop.core.port;

import java.util.concurrent.CompletionStage;

/**
 * Assumes IAM roles. {@code outcrop-bedrock-client} implements it with the AWS SDK's STS client.
 * The result carries an expiration.
 */
public interface RoleAssumer extends AutoCloseable {

    CompletionStage<AwsCredentials> assumeRole(AssumeRoleRequest request);

    @Override
    default void close() {
    }
}
