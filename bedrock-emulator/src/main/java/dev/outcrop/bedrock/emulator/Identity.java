package dev.outcrop.bedrock.emulator;

import java.util.List;
import java.util.Objects;

/**
 * A long-term access key the emulator accepts, and who it belongs to.
 *
 * @param name            a label for logs and the README ("deployment", "restricted")
 * @param accessKeyId     the {@code AKIA...} key id
 * @param secretAccessKey the secret; never printed by {@link #toString()}
 * @param principalArn    the IAM user (or role) the key resolves to, e.g. {@code arn:aws:iam::111122223333:user/x}
 * @param allowedModels   model id patterns this principal may invoke: exact ids, {@code *} for all, or a
 *                        trailing-{@code *} prefix such as {@code amazon.nova-*}; empty means none
 */
public record Identity(String name, String accessKeyId, String secretAccessKey, String principalArn,
                       List<String> allowedModels) {

    public Identity {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(accessKeyId, "accessKeyId is null");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey is null");
        Objects.requireNonNull(principalArn, "principalArn is null");
        allowedModels = List.copyOf(Objects.requireNonNull(allowedModels, "allowedModels is null"));
    }

    @Override
    public String toString() {
        return "Identity[name=" + name + ", accessKeyId=" + accessKeyId + ", principalArn=" + principalArn
                + ", allowedModels=" + allowedModels + "]";
    }
}
