package dev.outcrop.bedrock.emulator.internal.iam;

import java.util.List;

/**
 * A configured {@code AKIA...} key and whom it belongs to: what the registry needs of a public {@code Identity}, which
 * {@code BedrockEmulator} converts at start (the internals do not depend on the public package). {@code toString}
 * leaves the secret out so it never reaches a log.
 *
 * @param allowedModels model id patterns the principal may invoke (see {@link ModelAccess})
 */
public record LongTermKey(String accessKeyId, String secretAccessKey, String principalArn, List<String> allowedModels) {

    public LongTermKey {
        allowedModels = List.copyOf(allowedModels);
    }

    @Override
    public String toString() {
        return "LongTermKey[accessKeyId=" + accessKeyId + ", principalArn=" + principalArn + ", allowedModels="
                + allowedModels + "]";
    }
}
