package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Meta Llama 2/3/3.x/4: a raw prompt in, {@code generation} plus token counts out. */
final class LlamaFamily extends TextFamily {
    private static final Set<String> TOP_LEVEL = Set.of("prompt", "max_gen_len", "temperature", "top_p", "images");

    @Override
    Conversation parse(JsonNode body) {
        Check.onlyKeys(body, "#", TOP_LEVEL);
        String prompt = Check.text(Check.required(body, "prompt", "#"), "#/prompt");
        Integer max = Check.optionalInt(body, "max_gen_len", "#", 1, 2048);
        Check.optionalNumber(body, "temperature", "#", 0, 1);
        Check.optionalNumber(body, "top_p", "#", 0, 1);
        return Conversation.ofPrompt(prompt, max == null ? 512 : max, List.of());
    }

    @Override
    ObjectNode render(String modelId, Completion completion) {
        ObjectNode root = Json.object();
        root.put("generation", completion.text());
        root.put("prompt_token_count", completion.inputTokens());
        root.put("generation_token_count", completion.outputTokens());
        root.put("stop_reason", stopReason(completion.stop()));
        return root;
    }

    @Override
    List<ObjectNode> renderStream(String modelId, Completion completion) {
        List<ObjectNode> chunks = new ArrayList<>();
        List<String> deltas = completion.deltas();
        StringBuilder soFar = new StringBuilder();
        for (int i = 0; i < deltas.size(); i++) {
            soFar.append(deltas.get(i));
            boolean last = i == deltas.size() - 1;
            ObjectNode chunk = Json.object();
            chunk.put("generation", deltas.get(i));
            if (i == 0) {
                chunk.put("prompt_token_count", completion.inputTokens());
            } else {
                chunk.putNull("prompt_token_count");
            }
            // Llama reports the running total of generated tokens in every chunk.
            chunk.put("generation_token_count", last ? completion.outputTokens() : Tokens.count(soFar.toString()));
            if (last) {
                chunk.put("stop_reason", stopReason(completion.stop()));
            } else {
                chunk.putNull("stop_reason");
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private static String stopReason(Completion.Stop stop) {
        return stop == Completion.Stop.MAX_TOKENS ? "length" : "stop";
    }
}
