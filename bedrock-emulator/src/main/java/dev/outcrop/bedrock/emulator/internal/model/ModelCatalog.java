package dev.outcrop.bedrock.emulator.internal.model;

import dev.outcrop.bedrock.emulator.internal.wire.BedrockError;
import dev.outcrop.bedrock.emulator.internal.wire.BedrockErrorType;
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

    private static final int RESOLVED_CACHE_LIMIT = 10_000;

    private final Map<String, ModelFamily> models = new LinkedHashMap<>();
    /** Identifier to model, for identifiers seen before: resolving takes two regex matches, too much per call. */
    private final Map<String, Model> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    public ModelCatalog() {
        register(new NovaFamily(), "amazon.nova-micro-v1:0", "amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0",
                "amazon.nova-premier-v1:0");
        register(new ClaudeFamily(), "anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-sonnet-20240229-v1:0",
                "anthropic.claude-3-opus-20240229-v1:0", "anthropic.claude-3-5-haiku-20241022-v1:0",
                "anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-5-sonnet-20241022-v2:0",
                "anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic.claude-sonnet-4-20250514-v1:0",
                "anthropic.claude-opus-4-20250514-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-haiku-4-5-20251001-v1:0");
        register(new LlamaFamily(), "meta.llama3-8b-instruct-v1:0", "meta.llama3-70b-instruct-v1:0",
                "meta.llama3-1-8b-instruct-v1:0", "meta.llama3-1-70b-instruct-v1:0", "meta.llama3-1-405b-instruct-v1:0",
                "meta.llama3-2-1b-instruct-v1:0", "meta.llama3-2-3b-instruct-v1:0", "meta.llama3-2-11b-instruct-v1:0",
                "meta.llama3-2-90b-instruct-v1:0", "meta.llama3-3-70b-instruct-v1:0",
                "meta.llama4-scout-17b-instruct-v1:0", "meta.llama4-maverick-17b-instruct-v1:0");
        register(new MistralTextFamily(), "mistral.mistral-7b-instruct-v0:2", "mistral.mixtral-8x7b-instruct-v0:1",
                "mistral.mistral-large-2402-v1:0", "mistral.mistral-small-2402-v1:0");
        register(new MistralChatFamily(), "mistral.mistral-large-2407-v1:0", "mistral.pixtral-large-2502-v1:0");
        register(new TitanTextFamily(), "amazon.titan-text-express-v1", "amazon.titan-text-lite-v1",
                "amazon.titan-text-premier-v1:0");
        register(new TitanEmbedFamily(true), "amazon.titan-embed-text-v2:0");
        register(new TitanEmbedFamily(false), "amazon.titan-embed-text-v1");
        register(new CohereEmbedFamily(), "cohere.embed-english-v3", "cohere.embed-multilingual-v3");
    }

    private void register(ModelFamily family, String... ids) {
        for (String id : ids) {
            models.put(id, family);
        }
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
        Model known = identifier == null ? null : resolved.get(identifier);
        if (known != null) {
            return known;
        }
        Model model = resolveUncached(identifier);
        if (resolved.size() < RESOLVED_CACHE_LIMIT) {
            resolved.put(identifier, model);
        }
        return model;
    }

    private Model resolveUncached(String identifier) {
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
