package dev.outcrop.bedrock.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.bedrock.emulator.junit.BedrockEmulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Each provider's native InvokeModel body and answer, through the real SDK. */
@ExtendWith(BedrockEmulatorExtension.class)
class ModelFamiliesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BedrockRuntimeClient client;

    @BeforeAll
    static void connect(BedrockEmulator emulator) {
        client = Clients.bedrock(emulator.endpoint(), Clients.deployment());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static InvokeModelResponse invoke(String modelId, String body) {
        return client.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)));
    }

    private static JsonNode json(InvokeModelResponse response) throws Exception {
        return JSON.readTree(response.body().asUtf8String());
    }

    private static String header(InvokeModelResponse response, String name) {
        return response.sdkHttpResponse().firstMatchingHeader(name).orElseThrow();
    }

    @Test
    void claudeMessages() throws Exception {
        InvokeModelResponse response = invoke("anthropic.claude-3-haiku-20240307-v1:0",
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,\"system\":\"Be brief.\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello there.\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Hi.\"},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Explain quartz\"}]}]}");
        JsonNode body = json(response);
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("model").asText()).isEqualTo("claude-3-haiku-20240307");
        assertThat(body.get("id").asText()).startsWith("msg_bdrk_");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Echo: Explain quartz");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.get("stop_sequence").isNull()).isTrue();
        // system 9 chars -> 3, "Hello there." 12 -> 3, "Hi." -> 1, "Explain quartz" 14 -> 4
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(11);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(5);
        assertThat(header(response, "X-Amzn-Bedrock-Input-Token-Count")).isEqualTo("11");
        assertThat(header(response, "X-Amzn-Bedrock-Output-Token-Count")).isEqualTo("5");
    }

    @Test
    void claudeStopSequence() throws Exception {
        JsonNode body = json(invoke("us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,\"stop_sequences\":[\"STOP\"],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"one two STOP three\"}]}"));
        assertThat(body.get("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(body.get("stop_sequence").asText()).isEqualTo("STOP");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Echo: one two ");
    }

    @Test
    void claudeWithoutVersionOrMaxTokensIsRefused() {
        assertThatThrownBy(() -> invoke("anthropic.claude-3-haiku-20240307-v1:0",
                "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("anthropic_version");
        assertThatThrownBy(() -> invoke("anthropic.claude-3-haiku-20240307-v1:0",
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("max_tokens");
    }

    @Test
    void llamaPromptTemplateIsUnderstood() throws Exception {
        String prompt = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\nName a mineral<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\\n\\n";
        InvokeModelResponse response = invoke("meta.llama3-8b-instruct-v1:0",
                "{\"prompt\":\"" + prompt + "\",\"max_gen_len\":120,\"temperature\":0.5}");
        JsonNode body = json(response);
        assertThat(body.get("generation").asText()).isEqualTo("Echo: Name a mineral");
        // The whole prompt, markup included, is read: 130 characters -> 33 tokens.
        assertThat(body.get("prompt_token_count").asInt()).isEqualTo(33);
        assertThat(body.get("generation_token_count").asInt()).isEqualTo(5);
        assertThat(body.get("stop_reason").asText()).isEqualTo("stop");
        assertThat(header(response, "X-Amzn-Bedrock-Input-Token-Count")).isEqualTo("33");
    }

    @Test
    void llamaLengthStop() throws Exception {
        JsonNode body = json(invoke("meta.llama3-1-70b-instruct-v1:0",
                "{\"prompt\":\"tell me everything about basalt columns\",\"max_gen_len\":2}"));
        assertThat(body.get("stop_reason").asText()).isEqualTo("length");
        assertThat(body.get("generation_token_count").asInt()).isEqualTo(2);
    }

    @Test
    void mistralTextCompletion() throws Exception {
        JsonNode body = json(invoke("mistral.mistral-7b-instruct-v0:2",
                "{\"prompt\":\"<s>[INST] What is your favourite rock? [/INST]\",\"max_tokens\":50}"));
        assertThat(body.at("/outputs/0/text").asText()).isEqualTo("Echo: What is your favourite rock?");
        assertThat(body.at("/outputs/0/stop_reason").asText()).isEqualTo("stop");
    }

    @Test
    void mistralChatCompletion() throws Exception {
        JsonNode body = json(invoke("mistral.mistral-large-2407-v1:0",
                "{\"messages\":[{\"role\":\"system\",\"content\":\"terse\"},{\"role\":\"user\",\"content\":\"gneiss?\"}],"
                        + "\"max_tokens\":50}"));
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Echo: gneiss?");
        assertThat(body.at("/choices/0/stop_reason").asText()).isEqualTo("stop");
    }

    @Test
    void titanText() throws Exception {
        InvokeModelResponse response = invoke("amazon.titan-text-express-v1",
                "{\"inputText\":\"User: what is shale?\\nBot:\",\"textGenerationConfig\":{\"maxTokenCount\":100,"
                        + "\"temperature\":0.7,\"topP\":0.9,\"stopSequences\":[]}}");
        JsonNode body = json(response);
        assertThat(body.get("inputTextTokenCount").asInt()).isEqualTo(7);
        assertThat(body.at("/results/0/outputText").asText()).isEqualTo("Echo: what is shale?");
        assertThat(body.at("/results/0/tokenCount").asInt()).isEqualTo(5);
        assertThat(body.at("/results/0/completionReason").asText()).isEqualTo("FINISH");
    }

    @Test
    void titanTextRefusesForeignBody() {
        assertThatThrownBy(() -> invoke("amazon.titan-text-lite-v1",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Malformed input request: #: extraneous key [messages] is not permitted");
    }

    @Test
    void titanEmbeddingsV2() throws Exception {
        InvokeModelResponse response = invoke("amazon.titan-embed-text-v2:0",
                "{\"inputText\":\"granite is an igneous rock\",\"dimensions\":256,\"normalize\":true,"
                        + "\"embeddingTypes\":[\"float\",\"binary\"]}");
        JsonNode body = json(response);
        assertThat(body.get("embedding")).hasSize(256);
        assertThat(body.at("/embeddingsByType/float")).hasSize(256);
        assertThat(body.at("/embeddingsByType/binary")).hasSize(256)
                .allMatch(n -> n.asInt() == 0 || n.asInt() == 1);
        assertThat(norm(body.get("embedding"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(body.get("inputTextTokenCount").asInt()).isEqualTo(7);
        assertThat(header(response, "X-Amzn-Bedrock-Input-Token-Count")).isEqualTo("7");
        assertThat(header(response, "X-Amzn-Bedrock-Output-Token-Count")).isEqualTo("0");
    }

    @Test
    void titanEmbeddingsAreDeterministicAndSimilarityPreserving() throws Exception {
        double[] a = vector("{\"inputText\":\"granite is an igneous rock\",\"dimensions\":512}");
        double[] a2 = vector("{\"inputText\":\"granite is an igneous rock\",\"dimensions\":512}");
        double[] close = vector("{\"inputText\":\"granite is a igneous rock type\",\"dimensions\":512}");
        double[] far = vector("{\"inputText\":\"quarterly revenue forecast spreadsheet\",\"dimensions\":512}");
        assertThat(a).containsExactly(a2);
        assertThat(dot(a, close)).isGreaterThan(dot(a, far) + 0.3);
    }

    @Test
    void titanEmbeddingsRejectUnsupportedDimensions() {
        assertThatThrownBy(() -> invoke("amazon.titan-embed-text-v2:0", "{\"inputText\":\"x\",\"dimensions\":300}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("#/dimensions");
        assertThatThrownBy(() -> invoke("amazon.titan-embed-text-v2:0", "{\"inputText\":\"\"}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("#/inputText");
    }

    @Test
    void titanEmbeddingsWithoutNormalizeAreLonger() throws Exception {
        double[] raw = vector("{\"inputText\":\"a fairly long sentence about sediment\",\"normalize\":false}");
        assertThat(raw).hasSize(1024);
        assertThat(Math.sqrt(dot(raw, raw))).isGreaterThan(1.5);
    }

    @Test
    void cohereEmbed() throws Exception {
        InvokeModelResponse response = invoke("cohere.embed-english-v3",
                "{\"texts\":[\"slate\",\"marble tiles\"],\"input_type\":\"search_document\"}");
        JsonNode body = json(response);
        assertThat(body.get("response_type").asText()).isEqualTo("embeddings_floats");
        assertThat(body.get("embeddings")).hasSize(2);
        assertThat(body.at("/embeddings/0")).hasSize(1024);
        assertThat(body.get("texts").get(1).asText()).isEqualTo("marble tiles");
        assertThat(body.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(header(response, "X-Amzn-Bedrock-Input-Token-Count")).isEqualTo("5");
    }

    @Test
    void cohereEmbedByType() throws Exception {
        JsonNode body = json(invoke("cohere.embed-multilingual-v3",
                "{\"texts\":[\"schist\"],\"input_type\":\"search_query\",\"embedding_types\":[\"float\",\"int8\",\"binary\"]}"));
        assertThat(body.get("response_type").asText()).isEqualTo("embeddings_by_type");
        assertThat(body.at("/embeddings/float/0")).hasSize(1024);
        assertThat(body.at("/embeddings/int8/0")).hasSize(1024).allMatch(n -> n.asInt() >= -128 && n.asInt() <= 127);
        assertThat(body.at("/embeddings/binary/0")).hasSize(128);
    }

    @Test
    void cohereEmbedNeedsInputType() {
        assertThatThrownBy(() -> invoke("cohere.embed-english-v3", "{\"texts\":[\"x\"]}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("input_type");
    }

    @Test
    void arnsResolve() throws Exception {
        JsonNode body = json(invoke("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"by arn\"}]}]}"));
        assertThat(body.at("/output/message/content/0/text").asText()).isEqualTo("Echo: by arn");
        JsonNode viaProfile = json(invoke("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-micro-v1:0",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"by profile\"}]}]}"));
        assertThat(viaProfile.at("/output/message/content/0/text").asText()).isEqualTo("Echo: by profile");
    }

    private static double[] vector(String body) throws Exception {
        JsonNode embedding = json(invoke("amazon.titan-embed-text-v2:0", body)).get("embedding");
        double[] out = new double[embedding.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = embedding.get(i).asDouble();
        }
        return out;
    }

    private static double norm(JsonNode vector) {
        double sum = 0;
        for (JsonNode n : vector) {
            sum += n.asDouble() * n.asDouble();
        }
        return Math.sqrt(sum);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
