package dev.outcrop.core.port;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * An STS AssumeRole call.
 *
 * @param externalId the external ID to pass, or null
 * @param sessionName identifies who assumes the role, visible in the customer's CloudTrail
 */
public record AssumeRoleRequest(String roleArn, String externalId, String sessionName, Duration duration,
                                String region, AwsCredentials callerCredentials) {
    public AssumeRoleRequest {
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(sessionName, "sessionName is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(region, "region is null");
        requireNonNull(callerCredentials, "callerCredentials is null");
    }

    @Override
    public String toString() {
        return "AssumeRoleRequest[roleArn=" + roleArn + ", externalId=" + (externalId == null ? "none" : "****")
                + ", sessionName=" + sessionName + ", duration=" + duration + "]";
    }
}
