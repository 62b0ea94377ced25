package dev.outcrop.bedrock.client;

import dev.outcrop.bedrock.client.config.BedrockClientConfig;
import static java.util.Objects.requireNonNull;

import dev.outcrop.bedrock.client.internal.ClientFactory;
import dev.outcrop.bedrock.client.internal.ErrorMapping;
import dev.outcrop.bedrock.client.internal.SdkCredentials;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.port.AssumeRoleRequest;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.RoleAssumer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;

/**
 * Core's {@link RoleAssumer} on the SDK's STS client: AssumeRole signed with the caller's credentials
 * (the deployment's own, or the trust principal's for the customer's role), with the external ID.
 */
public final class StsRoleAssumer implements RoleAssumer {

    private final BedrockClientConfig config;
    private final SdkAsyncHttpClient http;
    private final Map<String, StsAsyncClient> clients = new ConcurrentHashMap<>();

    private StsRoleAssumer(BedrockClientConfig config) {
        this.config = config;
        this.http = ClientFactory.httpClient(config);
    }

    public static StsRoleAssumer create(BedrockClientConfig config) {
        return new StsRoleAssumer(requireNonNull(config, "config is null"));
    }

    @Override
    public CompletionStage<AwsCredentials> assumeRole(AssumeRoleRequest request) {
        CompletableFuture<AwsCredentials> result;
        try {
            result = client(request.region()).assumeRole(builder -> builder
                            .roleArn(request.roleArn())
                            .externalId(request.externalId())
                            .roleSessionName(request.sessionName())
                            .durationSeconds((int) request.duration().toSeconds())
                            .overrideConfiguration(o -> o.credentialsProvider(SdkCredentials.provider(request.callerCredentials()))))
                    .thenApply(response -> new AwsCredentials(response.credentials().accessKeyId(), response.credentials().secretAccessKey(),
                            response.credentials().sessionToken(), response.credentials().expiration()));
        }
        catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionallyCompose(failure -> CompletableFuture.failedFuture(ErrorMapping.map(failure, OutcropErrorCode.ROLE_ASSUMPTION_FAILED)));
    }

    private StsAsyncClient client(String region) {
        return clients.computeIfAbsent(region, r -> ClientFactory.sts(config, http, r));
    }

    @Override
    public void close() {
        clients.values().forEach(StsAsyncClient::close);
        clients.clear();
        http.close();
    }
}
