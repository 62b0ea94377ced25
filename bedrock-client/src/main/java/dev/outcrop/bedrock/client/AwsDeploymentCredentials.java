package dev.outcrop.bedrock.client;

import static java.util.Objects.requireNonNull;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.CredentialsProvider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's own AWS credentials, from any SDK credentials provider: by default the AWS default
 * chain (environment, system properties, profile, container and instance metadata).
 */
public final class AwsDeploymentCredentials implements CredentialsProvider {

    private static final Logger log = LoggerFactory.getLogger(AwsDeploymentCredentials.class);

    /**
     * What the caller of a role location reads when the deployment has no credentials: the operator's settings, by
     * name. The SDK's own account of each link of the chain goes to the log only (it names files and endpoints).
     */
    static final String MISSING = "this Outcrop deployment has no AWS credentials of its own, which a location with AWS_ROLE_ARN "
            + "needs to assume the account's trust principal: the AWS default credentials chain found none. Its operator must give "
            + "the server credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones) in "
            + "its environment, or AWS_PROFILE naming a profile of ~/.aws/credentials, or AWS_WEB_IDENTITY_TOKEN_FILE with "
            + "AWS_ROLE_ARN, or a container or instance role. Locations with access keys (AWS_ACCESS_KEY_ID) work without them";

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
            software.amazon.awssdk.auth.credentials.AwsCredentials resolved;
            try {
                resolved = provider.resolveCredentials();
            }
            catch (SdkClientException e) {
                // No link of the chain had credentials (or could reach its source): the deployment's configuration, not a bug.
                log.warn("The deployment's AWS credentials could not be resolved: {}", e.getMessage());
                throw new OutcropException(OutcropErrorCode.DEPLOYMENT_CREDENTIALS_MISSING, MISSING, e);
            }
            String token = resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null;
            return new AwsCredentials(resolved.accessKeyId(), resolved.secretAccessKey(), token, resolved.expirationTime().orElse(null));
        });
    }
}
