package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Mistral's text-completion models (7B Instruct, Mixtral 8x7B, Large 2402, Small): {@code outputs[]}. */
final class MistralTextFamily extends TextFamily {
    private static final Set<String> TOP_LEVEL = Set.of("prompt", "max_tokens", "stop", "temperature", "top_p", "top_k");

    @Override
    Conversation parse(JsonNode body) {
        Check.onlyKeys(body, "#", TOP_LEVEL);
        String prompt = Check.text(Check.required(body, "prompt", "#"), "#/prompt");
        Integer max = Check.optionalInt(body, "max_tokens", "#", 1, 8192);
        Check.optionalNumber(body, "temperature", "#", 0, 1);
        Check.optionalNumber(body, "top_p", "#", 0, 1);
        Check.optionalInt(body, "top_k", "#", 1, 200);
        List<String> stops = Check.optionalStrings(body, "stop", "#", 10);
        return Conversation.ofPrompt(prompt, max == null ? 512 : max, stops);
    }

    @Override
    ObjectNode render(String modelId, Completion completion) {
        ObjectNode root = Json.object();
        ObjectNode output = root.putArray("outputs").addObject();
        output.put("text", completion.text());
        output.put("stop_reason", stopReason(completion.stop()));
        return root;
    }

    @Override
    List<ObjectNode> renderStream(String modelId, Completion completion) {
        List<ObjectNode> chunks = new ArrayList<>();
        List<String> deltas = completion.deltas();
        for (int i = 0; i < deltas.size(); i++) {
            ObjectNode chunk = Json.object();
            ObjectNode output = chunk.putArray("outputs").addObject();
            output.put("text", deltas.get(i));
            if (i == deltas.size() - 1) {
                output.put("stop_reason", stopReason(completion.stop()));
            } else {
                output.putNull("stop_reason");
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    static String stopReason(Completion.Stop stop) {
        return stop == Completion.Stop.MAX_TOKENS ? "length" : "stop";
    }
}
