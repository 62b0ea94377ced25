package dev.outcrop.bedrock.emulator;

import dev.outcrop.bedrock.emulator.internal.iam.LongTermKey;
import dev.outcrop.bedrock.emulator.internal.iam.Role;
import java.util.List;

/**
 * The configured identities and roles as the internal IAM model: the internals never see the public config types,
 * so the public package can depend on them without a cycle.
 */
final class IamSetup {
    private IamSetup() {
    }

    static List<LongTermKey> longTermKeys(List<Identity> identities) {
        return identities.stream()
                .map(i -> new LongTermKey(i.accessKeyId(), i.secretAccessKey(), i.principalArn(), i.allowedModels()))
                .toList();
    }

    static List<Role> roles(List<RoleDefinition> roles) {
        return roles.stream()
                .map(r -> new Role(r.arn(), r.trustedPrincipals(), r.externalId(), r.allowedModels(),
                        r.maxSessionDurationSeconds()))
                .toList();
    }
}
