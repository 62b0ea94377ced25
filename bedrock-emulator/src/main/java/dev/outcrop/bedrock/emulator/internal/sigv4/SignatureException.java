package dev.outcrop.bedrock.emulator.internal.sigv4;

/** Why a request's signature was refused; {@link Kind} lets each protocol pick its own error code. */
public final class SignatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failure classes AWS distinguishes on the wire. */
    public enum Kind { MISSING, INCOMPLETE, UNKNOWN_KEY, BAD_TOKEN, EXPIRED_TOKEN, MISMATCH, SKEWED }

    private final Kind kind;

    public SignatureException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public static SignatureException incomplete(String message) {
        return new SignatureException(Kind.INCOMPLETE, message);
    }

    public Kind kind() {
        return kind;
    }
}
