package dev.outcrop.bedrock.emulator;

import java.util.List;
import java.util.Objects;

/**
 * An IAM role that STS AssumeRole can hand out sessions for.
 *
 * @param arn                       {@code arn:aws:iam::<account>:role/<name>}
 * @param trustedPrincipals         principal ARNs of the trust policy. A trusted role ARN also admits that role's
 *                                  sessions ({@code arn:aws:sts::<account>:assumed-role/<name>/<session>}), as IAM does
 * @param externalId                the {@code sts:ExternalId} condition, or null when the trust policy has none
 * @param allowedModels             model id patterns sessions of this role may invoke (see {@link Identity})
 * @param maxSessionDurationSeconds the role's MaxSessionDuration (3600..43200; AWS default 3600)
 */
public record RoleDefinition(String arn, List<String> trustedPrincipals, String externalId, List<String> allowedModels,
                             int maxSessionDurationSeconds) {

    public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

    public RoleDefinition {
        Objects.requireNonNull(arn, "arn is null");
        if (!arn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw new IllegalArgumentException("not a role ARN: " + arn);
        }
        trustedPrincipals = List.copyOf(Objects.requireNonNull(trustedPrincipals, "trustedPrincipals is null"));
        allowedModels = List.copyOf(Objects.requireNonNull(allowedModels, "allowedModels is null"));
        if (maxSessionDurationSeconds < 3600 || maxSessionDurationSeconds > 43200) {
            throw new IllegalArgumentException("maxSessionDurationSeconds must be within 3600..43200");
        }
    }

    public RoleDefinition(String arn, List<String> trustedPrincipals, String externalId, List<String> allowedModels) {
        this(arn, trustedPrincipals, externalId, allowedModels, DEFAULT_MAX_SESSION_DURATION);
    }

    /** The 12-digit account the role lives in. */
    public String accountId() {
        return arn.split(":")[4];
    }

    /** The role name: the last path element of the ARN's resource part. */
    public String roleName() {
        String resource = arn.substring(arn.indexOf(":role/") + ":role/".length());
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
