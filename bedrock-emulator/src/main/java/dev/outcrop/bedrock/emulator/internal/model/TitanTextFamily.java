package dev.outcrop.bedrock.emulator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outcrop.bedrock.emulator.internal.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Amazon Titan Text (Express, Lite, Premier): {@code inputText} in, {@code results[]} out. */
final class TitanTextFamily extends TextFamily {
    private static final Set<String> TOP_LEVEL = Set.of("inputText", "textGenerationConfig");
    private static final Set<String> CONFIG = Set.of("maxTokenCount", "temperature", "topP", "stopSequences");

    @Override
    Conversation parse(JsonNode body) {
        Check.onlyKeys(body, "#", TOP_LEVEL);
        String input = Check.text(Check.required(body, "inputText", "#"), "#/inputText");
        int max = 512;
        List<String> stops = List.of();
        JsonNode config = body.get("textGenerationConfig");
        if (config != null && !config.isNull()) {
            Check.object(config, "#/textGenerationConfig");
            Check.onlyKeys(config, "#/textGenerationConfig", CONFIG);
            Integer m = Check.optionalInt(config, "maxTokenCount", "#/textGenerationConfig", 0, 8192);
            max = m == null ? max : m;
            Check.optionalNumber(config, "temperature", "#/textGenerationConfig", 0, 1);
            Check.optionalNumber(config, "topP", "#/textGenerationConfig", 0, 1);
            stops = Check.optionalStrings(config, "stopSequences", "#/textGenerationConfig", 4);
        }
        return Conversation.ofPrompt(input, max, stops);
    }

    @Override
    ObjectNode render(String modelId, Completion completion) {
        ObjectNode root = Json.object();
        root.put("inputTextTokenCount", completion.inputTokens());
        ObjectNode result = root.putArray("results").addObject();
        result.put("tokenCount", completion.outputTokens());
        result.put("outputText", completion.text());
        result.put("completionReason", reason(completion.stop()));
        return root;
    }

    @Override
    List<ObjectNode> renderStream(String modelId, Completion completion) {
        List<ObjectNode> chunks = new ArrayList<>();
        List<String> deltas = completion.deltas();
        for (int i = 0; i < deltas.size(); i++) {
            boolean last = i == deltas.size() - 1;
            ObjectNode chunk = Json.object();
            chunk.put("outputText", deltas.get(i));
            chunk.put("index", 0);
            if (last) {
                chunk.put("totalOutputTextTokenCount", completion.outputTokens());
                chunk.put("completionReason", reason(completion.stop()));
            } else {
                chunk.putNull("totalOutputTextTokenCount");
                chunk.putNull("completionReason");
            }
            if (i == 0) {
                chunk.put("inputTextTokenCount", completion.inputTokens());
            } else {
                chunk.putNull("inputTextTokenCount");
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private static String reason(Completion.Stop stop) {
        return switch (stop) {
            case END_TURN -> "FINISH";
            case MAX_TOKENS -> "LENGTH";
            case STOP_SEQUENCE -> "STOP_CRITERIA_MET";
        };
    }
}
