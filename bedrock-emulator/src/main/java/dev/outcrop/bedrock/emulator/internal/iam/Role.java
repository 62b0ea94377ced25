package dev.outcrop.bedrock.emulator.internal.iam;

import java.util.List;

/**
 * A role STS can issue sessions for: what STS needs of a public {@code RoleDefinition}, which {@code BedrockEmulator}
 * converts at start (the internals do not depend on the public package). The public type has already checked the
 * values.
 *
 * @param trustedPrincipals the trust policy's principals
 * @param externalId        the {@code sts:ExternalId} condition, or null when there is none
 * @param allowedModels     model id patterns the role's sessions may invoke (see {@link ModelAccess})
 */
public record Role(String arn, List<String> trustedPrincipals, String externalId, List<String> allowedModels,
                   int maxSessionDurationSeconds) {

    public Role {
        trustedPrincipals = List.copyOf(trustedPrincipals);
        allowedModels = List.copyOf(allowedModels);
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
