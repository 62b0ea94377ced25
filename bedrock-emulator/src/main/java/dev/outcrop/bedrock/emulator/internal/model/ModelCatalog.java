package dev.outcrop.bedrock.emulator.internal.model;

import dev.outcrop.bedrock.emulator.internal.bedrock.BedrockError;
import dev.outcrop.bedrock.emulator.internal.bedrock.BedrockErrorType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The models the emulator serves, and how a request's model identifier resolves to one: a base model id
 * ({@code amazon.nova-micro-v1:0}), a cross-region inference profile ({@code us.amazon.nova-micro-v1:0}), or a
 * foundation-model / inference-profile ARN.
 */
public final class ModelCatalog {
    private static final Set<String> PROFILE_PREFIXES = Set.of("us", "eu", "apac", "us-gov", "global", "jp", "au", "ca");
    /** Provider-dot-name shape of model ids; anything else is refused as invalid rather than unknown. */
    private static final Pattern MODEL_ID = Pattern.compile("[a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63})?\\.[a-zA-Z0-9._:-]{1,256}");
    private static final Pattern ARN = Pattern.compile(
            "arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(\\d{12})?:(foundation-model|inference-profile|application-inference-profile)/(.+)");

    /** A resolved model: its base id and the format family that answers it. */
    public record Model(String baseId, ModelFamily family) {
    }

    private final Map<String, ModelFamily> models = new LinkedHashMap<>();

    public ModelCatalog() {
        ModelFamily nova = new NovaFamily();
        for (String id : new String[] {"amazon.nova-micro-v1:0", "amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0",
                "amazon.nova-premier-v1:0"}) {
            models.put(id, nova);
        }
    }

    void register(String id, ModelFamily family) {
        models.put(id, family);
    }

    public Set<String> modelIds() {
        return models.keySet();
    }

    /**
     * Resolves a URL-decoded model identifier.
     *
     * @throws BedrockError ValidationException for an identifier that cannot be a model id,
     *                      ResourceNotFoundException for a well-formed one the emulator does not serve
     */
    public Model resolve(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.length() > 2048) {
            throw BedrockError.validation("The provided model identifier is invalid.");
        }
        String id = identifier;
        var arn = ARN.matcher(identifier);
        if (arn.matches()) {
            id = arn.group(4);
        } else if (!MODEL_ID.matcher(identifier).matches()) {
            throw BedrockError.validation("The provided model identifier is invalid.");
        }
        ModelFamily family = models.get(id);
        if (family == null) {
            int dot = id.indexOf('.');
            if (dot > 0 && PROFILE_PREFIXES.contains(id.substring(0, dot))) {
                id = id.substring(dot + 1);
                family = models.get(id);
            }
        }
        if (family == null) {
            throw new BedrockError(BedrockErrorType.RESOURCE_NOT_FOUND,
                    "Could not resolve the foundation model from the provided model identifier.");
        }
        return new Model(id, family);
    }
}
