package dev.outcrop.bedrock.emulator.internal.model;

/**
 * Finds the user's words inside a completion-style prompt, so the echo reply does not repeat chat-template markup:
 * Llama 3 header tokens, Llama 2 / Mistral {@code [INST]} blocks, and Titan's {@code User: ... Bot:} convention.
 */
final class PromptText {
    private static final String LLAMA3_USER = "<|start_header_id|>user<|end_header_id|>";

    private PromptText() {
    }

    static String lastUserText(String prompt) {
        int llama3 = prompt.lastIndexOf(LLAMA3_USER);
        if (llama3 >= 0) {
            String rest = prompt.substring(llama3 + LLAMA3_USER.length());
            int end = rest.indexOf("<|eot_id|>");
            return (end >= 0 ? rest.substring(0, end) : rest).trim();
        }
        int inst = prompt.lastIndexOf("[INST]");
        if (inst >= 0) {
            String rest = prompt.substring(inst + "[INST]".length());
            int end = rest.indexOf("[/INST]");
            return (end >= 0 ? rest.substring(0, end) : rest).trim();
        }
        String text = prompt.strip();
        if (text.startsWith("User:")) {
            text = text.substring("User:".length());
        }
        if (text.endsWith("Bot:")) {
            text = text.substring(0, text.length() - "Bot:".length());
        }
        return text.strip();
    }
}
