package dev.outcrop.bedrock.client;

import static java.util.Objects.requireNonNull;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import dev.outcrop.bedrock.client.internal.ClientFactory;
import dev.outcrop.bedrock.client.internal.ErrorMapping;
import dev.outcrop.bedrock.client.internal.SdkClients;
import dev.outcrop.bedrock.client.internal.SdkCredentials;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.port.AssumeRoleRequest;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.RoleAssumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.sts.StsAsyncClient;

/**
 * Core's {@link RoleAssumer} on the SDK's STS client: AssumeRole signed with the caller's credentials
 * (the deployment's own, or a session of an earlier role for role chaining), with the external ID.
 * One STS client per (region, endpoint), on its own connection pool.
 */
public final class StsRoleAssumer implements RoleAssumer {

    private final BedrockClientConfig config;
    private final SdkClients<StsAsyncClient> clients;

    private StsRoleAssumer(BedrockClientConfig config) {
        this.config = config;
        this.clients = new SdkClients<>(config, config.stsEndpoint(), (http, timers, key) -> ClientFactory.sts(config, http, timers, key));
    }

    public static StsRoleAssumer create(BedrockClientConfig config) {
        return new StsRoleAssumer(requireNonNull(config, "config is null"));
    }

    @Override
    public CompletionStage<AwsCredentials> assumeRole(AssumeRoleRequest request) {
        CompletableFuture<AwsCredentials> result;
        try {
            result = clients.get(request.region()).assumeRole(builder -> builder
                            .roleArn(request.roleArn())
                            .externalId(request.externalId())
                            .roleSessionName(request.sessionName())
                            .durationSeconds(Math.toIntExact(request.duration().toSeconds()))
                            .overrideConfiguration(SdkCredentials.override(request.callerCredentials())))
                    .thenApply(response -> new AwsCredentials(response.credentials().accessKeyId(), response.credentials().secretAccessKey(),
                            response.credentials().sessionToken(), response.credentials().expiration()));
        }
        catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionallyCompose(failure -> CompletableFuture.failedFuture(ErrorMapping.map(failure, OutcropErrorCode.ROLE_ASSUMPTION_FAILED, config)));
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "StsRoleAssumer[" + config + "]";
    }
}
