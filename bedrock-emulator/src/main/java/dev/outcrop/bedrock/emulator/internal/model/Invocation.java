package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;

/**
 * A model's answer to one InvokeModel body, in the model's native JSON.
 *
 * @param response          the InvokeModel response body
 * @param inputTokens       input token count (also sent as X-Amzn-Bedrock-Input-Token-Count)
 * @param outputTokens      output token count
 * @param chunks            the native stream chunks for InvokeModelWithResponseStream (built only when streamed)
 * @param reportsCacheTokens whether Bedrock adds the cache read/write token headers for this family (Nova does)
 */
public record Invocation(ObjectNode response, int inputTokens, int outputTokens, Supplier<List<ObjectNode>> chunks,
                         boolean reportsCacheTokens) {
}
