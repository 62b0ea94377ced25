package dev.outcrop.bedrock.client.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.bedrockruntime.endpoints.BedrockRuntimeEndpointParams;
import software.amazon.awssdk.services.bedrockruntime.endpoints.BedrockRuntimeEndpointProvider;

/**
 * The SDK's own endpoint rules, evaluated once instead of on every call. The SDK runs its rules engine (partition
 * lookup, URL templating, validation) for each request, though its inputs (region, FIPS, dual-stack, override) are the
 * same for every call of one client: ours has one client per (region, endpoint). The last answer is kept with the
 * inputs it was computed for and reused while they are equal, so a different input is still resolved by the rules.
 */
final class CachedEndpointProvider implements BedrockRuntimeEndpointProvider {

    private final BedrockRuntimeEndpointProvider rules;
    private volatile Resolved last;

    CachedEndpointProvider(BedrockRuntimeEndpointProvider rules) {
        this.rules = rules;
    }

    static BedrockRuntimeEndpointProvider ofDefaultRules() {
        return new CachedEndpointProvider(BedrockRuntimeEndpointProvider.defaultProvider());
    }

    private record Resolved(String region, Boolean dualStack, Boolean fips, String endpointOverride, CompletableFuture<Endpoint> endpoint) {
        boolean answers(BedrockRuntimeEndpointParams params) {
            return Objects.equals(region, params.regionId()) && Objects.equals(dualStack, params.useDualStack())
                    && Objects.equals(fips, params.useFips()) && Objects.equals(endpointOverride, params.endpoint());
        }
    }

    @Override
    public CompletableFuture<Endpoint> resolveEndpoint(BedrockRuntimeEndpointParams params) {
        Resolved cached = last;
        if (cached != null && cached.answers(params)) {
            return cached.endpoint;
        }
        CompletableFuture<Endpoint> endpoint = rules.resolveEndpoint(params);
        // Only a successful answer is kept: a failed one (an invalid region, say) is re-evaluated and reported each time.
        if (endpoint.isDone() && !endpoint.isCompletedExceptionally()) {
            last = new Resolved(params.regionId(), params.useDualStack(), params.useFips(), params.endpoint(), endpoint);
        }
        return endpoint;
    }
}
