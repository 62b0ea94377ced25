package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Shared shape of the text-generation families: parse into a {@link Conversation}, answer, render natively. */
abstract class TextFamily implements ModelFamily {

    abstract Conversation parse(JsonNode body);

    abstract ObjectNode render(String modelId, Completion completion);

    abstract List<ObjectNode> renderStream(String modelId, Completion completion);

    boolean reportsCacheTokens() {
        return false;
    }

    @Override
    public final Invocation invoke(String modelId, JsonNode body) {
        Completion completion = Responder.complete(parse(body));
        return new Invocation(render(modelId, completion), completion.inputTokens(), completion.outputTokens(),
                () -> renderStream(modelId, completion), reportsCacheTokens());
    }
}
