package dev.outcrop.bedrock.emulator.internal.model;

/**
 * The emulator's "model": a deterministic function of the conversation. It echoes the last user message after a
 * fixed prefix, so tests can predict the answer, then applies the stop sequences and the token limit as a model would.
 */
public final class Responder {
    public static final String PREFIX = "Echo: ";

    private Responder() {
    }

    public static Completion complete(Conversation conversation) {
        String text = PREFIX + conversation.lastUserText();
        Completion.Stop stop = Completion.Stop.END_TURN;
        String matched = null;
        int cut = -1;
        for (String sequence : conversation.stopSequences()) {
            int at = sequence.isEmpty() ? -1 : text.indexOf(sequence);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
                matched = sequence;
            }
        }
        if (cut >= 0) {
            text = text.substring(0, cut);
            stop = Completion.Stop.STOP_SEQUENCE;
        }
        if (Tokens.count(text) > conversation.maxTokens()) {
            text = Tokens.truncate(text, conversation.maxTokens());
            stop = Completion.Stop.MAX_TOKENS;
            matched = null;
        }
        return new Completion(text, conversation.inputTokens(), Tokens.count(text), stop, matched);
    }
}
